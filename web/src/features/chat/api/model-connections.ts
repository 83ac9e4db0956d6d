import { modelConnectionListResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

/** The workspace's model connections a new chat project can put in its candidate slots (workspace managers). */
export const workspaceConnectionsQueryOptions = (workspaceId: string) =>
  queryOptions({
    queryKey: ['model-connections', workspaceId],
    queryFn: ({ signal }) =>
      apiJson(`/api/model-connections?workspaceId=${encodeURIComponent(workspaceId)}`, modelConnectionListResponse, {
        signal,
      }),
  });
export const useWorkspaceConnections = (workspaceId: string) =>
  useQuery({ ...workspaceConnectionsQueryOptions(workspaceId), enabled: workspaceId !== '' });
