import { type SubmitBody, submitResponse } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiJson } from '../../../lib/api-client.ts';
import { nextTaskQueryOptions } from './next-task.ts';

export const submitTask = (leaseId: string, body: SubmitBody) =>
  apiJson(`/api/leases/${encodeURIComponent(leaseId)}/submit`, submitResponse, { method: 'POST', body });

export function useSubmitTask(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ leaseId, body }: { leaseId: string; body: SubmitBody }) => submitTask(leaseId, body),
    // Safe to resend: the body carries the task's idempotency key, so the server stores it once. A dropped
    // network or a briefly unavailable database is retried; while the browser is offline the mutation pauses
    // and resumes when it comes back (networkMode 'online').
    retry: (failures, error) =>
      failures < 8 && error instanceof ApiError && (error.status === 0 || error.status === 503),
    retryDelay: (failures) => Math.min(500 * 2 ** failures, 8000),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: nextTaskQueryOptions(projectId).queryKey }),
  });
}
