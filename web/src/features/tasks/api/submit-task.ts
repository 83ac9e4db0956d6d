import { type SubmitBody, submitResponse } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { nextTaskQueryOptions } from './next-task.ts';

export const submitTask = (leaseId: string, body: SubmitBody) =>
  apiJson(`/api/leases/${encodeURIComponent(leaseId)}/submit`, submitResponse, { method: 'POST', body });

/**
 * Submits and, in the same request (`claimNext`), gets the next task, which goes straight into the next-task query:
 * the next item replaces this one in a single render with no second round trip (bench-submit-to-next.spec.ts).
 * Without a `next` in the answer (e.g. the submit paused the annotator), the query is invalidated and the workspace
 * fetches it the usual way, which shows the paused notice.
 */
export function useSubmitTask(projectId: string) {
  const queryClient = useQueryClient();
  const { queryKey } = nextTaskQueryOptions(projectId);
  return useMutation({
    mutationFn: ({ leaseId, body }: { leaseId: string; body: SubmitBody }) =>
      submitTask(leaseId, { ...body, claimNext: true }),
    onSuccess: ({ next }) =>
      next === undefined
        ? queryClient.invalidateQueries({ queryKey })
        : queryClient.setQueryData(queryKey, { task: next }),
  });
}
