import { workspaceMemberListResponse } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { workspaceMembersQueryOptions } from './get-workspace-members.ts';

export const removeWorkspaceMember = (workspaceId: string, userId: string) =>
  apiJson(
    `/api/workspaces/${encodeURIComponent(workspaceId)}/members/${encodeURIComponent(userId)}`,
    workspaceMemberListResponse,
    { method: 'DELETE' },
  );

/** Takes someone out of the workspace: they lose every project in it at once. */
export function useRemoveWorkspaceMember(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => removeWorkspaceMember(workspaceId, userId),
    onSuccess: (data) => queryClient.setQueryData(workspaceMembersQueryOptions(workspaceId).queryKey, data),
  });
}
