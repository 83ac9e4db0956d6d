import {
  type CreateModelConnectionBody,
  modelConnectionListResponse,
  modelConnectionSchema,
  type TestModelConnectionBody,
  testModelConnectionResponse,
  type UpdateModelConnectionBody,
} from '@feedbench/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

const path = (connectionId?: string) =>
  connectionId ? `/api/model-connections/${encodeURIComponent(connectionId)}` : '/api/model-connections';

export const getModelConnections = (workspaceId: string, signal?: AbortSignal) =>
  apiJson(`${path()}?workspaceId=${encodeURIComponent(workspaceId)}`, modelConnectionListResponse, { signal });

export const modelConnectionsQueryOptions = (workspaceId: string) =>
  queryOptions({
    queryKey: ['model-connections', workspaceId],
    queryFn: async ({ signal }) => (await getModelConnections(workspaceId, signal)).connections,
    enabled: workspaceId !== '',
  });

/** A workspace's connections and the instance-wide ones (managers of the workspace only). */
export const useModelConnections = (workspaceId: string) => useQuery(modelConnectionsQueryOptions(workspaceId));

function useInvalidate(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: modelConnectionsQueryOptions(workspaceId).queryKey });
}

export function useCreateModelConnection(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (body: CreateModelConnectionBody) => apiJson(path(), modelConnectionSchema, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useUpdateModelConnection(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateModelConnectionBody }) =>
      apiJson(path(id), modelConnectionSchema, { method: 'PATCH', body }),
    onSuccess: invalidate,
  });
}

export function useDeleteModelConnection(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (id: string) => apiJson(path(id), modelConnectionSchema, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

/** "Test connection": the model's answer, or the exact error it gave (a 200 either way). */
export function useTestModelConnection() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TestModelConnectionBody }) =>
      apiJson(`${path(id)}/test`, testModelConnectionResponse, { method: 'POST', body }),
  });
}
