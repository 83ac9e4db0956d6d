import { resumeAnnotatorResponse } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { goldAccuracyQueryOptions } from './get-gold-accuracy.ts';

export const resumeAnnotator = ({ projectId, userId }: { projectId: string; userId: string }) =>
  apiJson(
    `/api/projects/${encodeURIComponent(projectId)}/gold/annotators/${encodeURIComponent(userId)}/resume`,
    resumeAnnotatorResponse,
    { method: 'POST' },
  );

/** Lets a paused annotator take tasks again (audited on the server). */
export function useResumeAnnotator(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => resumeAnnotator({ projectId, userId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: goldAccuracyQueryOptions(projectId).queryKey }),
  });
}
