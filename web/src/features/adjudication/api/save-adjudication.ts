import { type Answers, adjudicationSchema } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { adjudicationItemPath, adjudicationItemQueryOptions } from './get-adjudication-item.ts';
import { disagreementQueueQueryOptions } from './get-disagreement-queue.ts';

export const saveAdjudication = ({
  projectId,
  itemId,
  answers,
}: {
  projectId: string;
  itemId: string;
  answers: Answers;
}) => apiJson(adjudicationItemPath(projectId, itemId), adjudicationSchema, { method: 'PUT', body: { answers } });

/** Stores (or replaces) an item's adjudicated answer; the item and the queue are refetched. */
export function useSaveAdjudication(projectId: string, itemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answers: Answers) => saveAdjudication({ projectId, itemId, answers }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adjudicationItemQueryOptions(projectId, itemId).queryKey }),
        queryClient.invalidateQueries({ queryKey: disagreementQueueQueryOptions(projectId).queryKey }),
      ]),
  });
}
