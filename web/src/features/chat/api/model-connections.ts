import { usableModelConnectionListResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

/**
 * The model connections a chat project of the workspace may put in its candidate slots: readable by every researcher
 * who may create a project there, not only by the workspace's managers (no URLs or keys in it).
 */
export const workspaceConnectionsQueryOptions = (workspaceId: string) =>
  queryOptions({
    queryKey: ['usable-model-connections', workspaceId],
    queryFn: ({ signal }) =>
      apiJson(
        `/api/workspaces/${encodeURIComponent(workspaceId)}/model-connections`,
        usableModelConnectionListResponse,
        { signal },
      ),
  });
export const useWorkspaceConnections = (workspaceId: string) =>
  useQuery({ ...workspaceConnectionsQueryOptions(workspaceId), enabled: workspaceId !== '' });
