import { type SubmitBody, submitResponse, type Task } from '@feedbench/shared';
import { onlineManager, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { nextTaskQueryOptions } from './next-task.ts';
import { preparedTaskQueryOptions } from './prepare-task.ts';

export const submitTask = (leaseId: string, body: SubmitBody) =>
  apiJson(`/api/leases/${encodeURIComponent(leaseId)}/submit`, submitResponse, { method: 'POST', body });

/**
 * Submits and moves on without waiting (bench-submit-to-next.spec.ts): the task prepared after this one (see
 * prepare-task.ts) replaces it in the next-task query at once, while the submit runs. The same request claims the
 * next task (`claimNext`, which promotes the prepared one) and prepares the one after it (`prepareNext`), stored for
 * the next submit. When the server answers with another task (the prepared slot was lost), that one is shown; a
 * failed submit puts the submitted task back on screen, where its answers are still kept (local draft backup).
 * Without a prepared task, or offline, the page waits for the answer's `next`, one round trip. Without a `next` in the answer
 * (e.g. the submit paused the annotator), the query is invalidated and fetched the usual way (the paused notice).
 */
export function useSubmitTask(projectId: string) {
  const queryClient = useQueryClient();
  const { queryKey } = nextTaskQueryOptions(projectId);
  const preparedAfter = (leaseId: string) => preparedTaskQueryOptions(projectId, leaseId).queryKey;
  return useMutation({
    mutationFn: ({ task, body }: { task: Task; body: SubmitBody }) =>
      submitTask(task.leaseId, { ...body, claimNext: true, prepareNext: true }),
    onMutate: ({ task }) => {
      // Offline, the submit waits for the network (Query pauses it): the task stays, showing that it is being sent.
      const prepared = onlineManager.isOnline() ? queryClient.getQueryData(preparedAfter(task.leaseId)) : undefined;
      const shown = prepared?.task ?? null;
      if (shown) queryClient.setQueryData(queryKey, { task: shown });
      return { shown };
    },
    onSuccess: ({ next, prepared }, _variables, context) => {
      if (next === undefined) return queryClient.invalidateQueries({ queryKey });
      if (next) queryClient.setQueryData(preparedAfter(next.leaseId), { task: prepared ?? null });
      // The prepared task on screen is the promoted one: leave it as it is (the annotator may be answering it).
      const promoted = next !== null && next.leaseId === context.shown?.leaseId;
      if (!promoted) queryClient.setQueryData(queryKey, { task: next });
    },
    onError: (_error, { task }, context) => {
      if (context?.shown) queryClient.setQueryData(queryKey, { task });
    },
  });
}
