import { myInvitationListResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

export const getMyInvitations = (signal?: AbortSignal) =>
  apiJson('/api/invitations', myInvitationListResponse, { signal });

export const myInvitationsQueryOptions = () =>
  queryOptions({ queryKey: ['invitations', 'mine'], queryFn: ({ signal }) => getMyInvitations(signal) });

/** Invitations to workspaces addressed to the signed-in person's email. */
export const useMyInvitations = () => useQuery(myInvitationsQueryOptions());
