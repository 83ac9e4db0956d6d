import { type AddWorkspaceMemberBody, workspaceMemberListResponse } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { workspaceMembersQueryOptions } from './get-workspace-members.ts';

export const addWorkspaceMember = (workspaceId: string, body: AddWorkspaceMemberBody) =>
  apiJson(`/api/workspaces/${encodeURIComponent(workspaceId)}/members`, workspaceMemberListResponse, {
    method: 'POST',
    body,
  });

/** Adds an existing account to the workspace, or changes its role there. */
export function useAddWorkspaceMember(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddWorkspaceMemberBody) => addWorkspaceMember(workspaceId, body),
    onSuccess: (data) => queryClient.setQueryData(workspaceMembersQueryOptions(workspaceId).queryKey, data),
  });
}
