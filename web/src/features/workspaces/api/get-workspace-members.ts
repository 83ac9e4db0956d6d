import { workspaceMemberListResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { workspacesQueryOptions } from './get-workspaces.ts';

export const getWorkspaceMembers = (workspaceId: string, signal?: AbortSignal) =>
  apiJson(`/api/workspaces/${encodeURIComponent(workspaceId)}/members`, workspaceMemberListResponse, { signal });

export const workspaceMembersQueryOptions = (workspaceId: string) =>
  queryOptions({
    queryKey: [...workspacesQueryOptions().queryKey, workspaceId, 'members'],
    queryFn: ({ signal }) => getWorkspaceMembers(workspaceId, signal),
  });

export const useWorkspaceMembers = (workspaceId: string) => useQuery(workspaceMembersQueryOptions(workspaceId));
