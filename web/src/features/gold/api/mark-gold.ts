import { goldMarkResponse } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

export const markGoldFromAnnotation = (annotationId: string) =>
  apiJson(`/api/annotations/${encodeURIComponent(annotationId)}/gold`, goldMarkResponse, { method: 'POST' });

export const unmarkGold = ({ projectId, itemId }: { projectId: string; itemId: string }) =>
  apiJson(`/api/projects/${encodeURIComponent(projectId)}/items/${encodeURIComponent(itemId)}/gold`, goldMarkResponse, {
    method: 'DELETE',
  });

/** Every gold query of the project (items, accuracy, candidates) depends on which items are gold. */
const goldKey = (projectId: string) => ['gold', projectId];

/** "Use this annotation as gold": its answers become the item's reference answers. */
export function useMarkGoldFromAnnotation(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markGoldFromAnnotation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: goldKey(projectId) }),
  });
}

export function useUnmarkGold(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (itemId: string) => unmarkGold({ projectId, itemId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: goldKey(projectId) }),
  });
}
