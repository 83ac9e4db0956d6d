import { type InviteWorkspaceMemberBody, workspaceInvitationResponse } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { workspaceInvitationsQueryOptions } from './get-workspace-invitations.ts';

export const inviteWorkspaceMember = (workspaceId: string, body: InviteWorkspaceMemberBody) =>
  apiJson(`/api/workspaces/${encodeURIComponent(workspaceId)}/invitations`, workspaceInvitationResponse, {
    method: 'POST',
    body,
  });

/** Invites an email: the answer is the same whether or not it has an account; they join once they accept. */
export function useInviteWorkspaceMember(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InviteWorkspaceMemberBody) => inviteWorkspaceMember(workspaceId, body),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: workspaceInvitationsQueryOptions(workspaceId).queryKey }),
  });
}
