import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiNoContent } from '../../../lib/api-client.ts';
import { workspaceInvitationsQueryOptions } from './get-workspace-invitations.ts';

export const revokeWorkspaceInvitation = (workspaceId: string, invitationId: string) =>
  apiNoContent(`/api/workspaces/${encodeURIComponent(workspaceId)}/invitations/${encodeURIComponent(invitationId)}`, {
    method: 'DELETE',
  });

export function useRevokeWorkspaceInvitation(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => revokeWorkspaceInvitation(workspaceId, invitationId),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: workspaceInvitationsQueryOptions(workspaceId).queryKey }),
  });
}
