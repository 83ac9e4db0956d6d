import { type SubmitBody, submitResponse } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { getNextTask, nextTaskQueryOptions } from './next-task.ts';

export const submitTask = (leaseId: string, body: SubmitBody) =>
  apiJson(`/api/leases/${encodeURIComponent(leaseId)}/submit`, submitResponse, { method: 'POST', body });

/**
 * Submits, then claims the next task in the same mutation and puts it straight into the next-task query: the next
 * item replaces this one in a single render, with no refetch round in between (see bench-submit-to-next.spec.ts).
 * If claiming fails, the query is invalidated and the workspace fetches (and reports) it the usual way.
 */
export function useSubmitTask(projectId: string) {
  const queryClient = useQueryClient();
  const { queryKey } = nextTaskQueryOptions(projectId);
  return useMutation({
    mutationFn: async ({ leaseId, body }: { leaseId: string; body: SubmitBody }) => {
      const result = await submitTask(leaseId, body);
      const next = await getNextTask(projectId).catch(() => undefined);
      return { result, next };
    },
    onSuccess: ({ next }) =>
      next ? queryClient.setQueryData(queryKey, next) : queryClient.invalidateQueries({ queryKey }),
  });
}
