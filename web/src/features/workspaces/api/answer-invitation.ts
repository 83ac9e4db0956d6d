import { workspaceSchema } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiJson, apiNoContent } from '../../../lib/api-client.ts';
import { myInvitationsQueryOptions } from './get-my-invitations.ts';
import { workspacesQueryOptions } from './get-workspaces.ts';

const acceptResponse = z.object({ workspace: workspaceSchema });

export const acceptInvitation = (invitationId: string) =>
  apiJson(`/api/invitations/${encodeURIComponent(invitationId)}/accept`, acceptResponse, { method: 'POST' });

export const declineInvitation = (invitationId: string) =>
  apiNoContent(`/api/invitations/${encodeURIComponent(invitationId)}/decline`, { method: 'POST' });

/** Accepts or declines an invitation; accepting brings the workspace (and its projects) into every list. */
export function useAnswerInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ invitationId, accept }: { invitationId: string; accept: boolean }) =>
      accept ? acceptInvitation(invitationId).then(() => undefined) : declineInvitation(invitationId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: myInvitationsQueryOptions().queryKey });
      void queryClient.invalidateQueries({ queryKey: workspacesQueryOptions().queryKey });
      void queryClient.invalidateQueries({ queryKey: ['projects'] });
    },
  });
}
