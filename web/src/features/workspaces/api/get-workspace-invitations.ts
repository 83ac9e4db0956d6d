import { workspaceInvitationListResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { workspacesQueryOptions } from './get-workspaces.ts';

export const getWorkspaceInvitations = (workspaceId: string, signal?: AbortSignal) =>
  apiJson(`/api/workspaces/${encodeURIComponent(workspaceId)}/invitations`, workspaceInvitationListResponse, {
    signal,
  });

export const workspaceInvitationsQueryOptions = (workspaceId: string) =>
  queryOptions({
    queryKey: [...workspacesQueryOptions().queryKey, workspaceId, 'invitations'],
    queryFn: ({ signal }) => getWorkspaceInvitations(workspaceId, signal),
  });

/** Open invitations of a workspace, for its managers. */
export const useWorkspaceInvitations = (workspaceId: string, enabled = true) =>
  useQuery({ ...workspaceInvitationsQueryOptions(workspaceId), enabled });
