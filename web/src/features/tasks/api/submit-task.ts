import { type SubmitBody, submitResponse } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { nextTaskQueryOptions } from './next-task.ts';

export const submitTask = (leaseId: string, body: SubmitBody) =>
  apiJson(`/api/leases/${encodeURIComponent(leaseId)}/submit`, submitResponse, { method: 'POST', body });

export function useSubmitTask(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ leaseId, body }: { leaseId: string; body: SubmitBody }) => submitTask(leaseId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: nextTaskQueryOptions(projectId).queryKey }),
  });
}
