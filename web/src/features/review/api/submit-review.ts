import { type ReviewBody, reviewSchema } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { reviewQueueQueryOptions } from './get-review-queue.ts';

export const submitReview = ({ annotationId, body }: { annotationId: string; body: ReviewBody }) =>
  apiJson(`/api/annotations/${encodeURIComponent(annotationId)}/review`, reviewSchema, { method: 'POST', body });

export function useSubmitReview(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: submitReview,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reviewQueueQueryOptions(projectId).queryKey }),
  });
}
