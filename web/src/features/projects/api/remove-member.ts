import { memberListResponse } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { membersQueryOptions } from './get-members.ts';

export const removeMember = (projectId: string, userId: string) =>
  apiJson(`/api/projects/${encodeURIComponent(projectId)}/members/${encodeURIComponent(userId)}`, memberListResponse, {
    method: 'DELETE',
  });

/** Takes someone off the project; the items they held go back to the pool. */
export function useRemoveMember(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => removeMember(projectId, userId),
    onSuccess: (members) => queryClient.setQueryData(membersQueryOptions(projectId).queryKey, members),
  });
}
