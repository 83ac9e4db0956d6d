import { workspaceListResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

export const getWorkspaces = (signal?: AbortSignal) => apiJson('/api/workspaces', workspaceListResponse, { signal });

export const workspacesQueryOptions = () =>
  queryOptions({ queryKey: ['workspaces'], queryFn: ({ signal }) => getWorkspaces(signal) });

/** The workspaces the signed-in person belongs to (every workspace, for instance admins). */
export const useWorkspaces = () => useQuery(workspacesQueryOptions());
