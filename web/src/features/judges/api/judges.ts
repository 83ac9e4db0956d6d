import { type CreateJudgeBody, judgeConnectionListResponse, judgeListResponse, judgeSchema } from '@feedbench/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiJson, apiNoContent } from '../../../lib/api-client.ts';

export const projectPath = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}`;

export const judgesQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: ['judges', projectId, 'list'],
    queryFn: async ({ signal }) =>
      (await apiJson(`${projectPath(projectId)}/judges`, judgeListResponse, { signal })).judges,
  });

export const useJudges = (projectId: string) => useQuery(judgesQueryOptions(projectId));

export const judgeConnectionsQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: ['judges', projectId, 'connections'],
    queryFn: async ({ signal }) =>
      (await apiJson(`${projectPath(projectId)}/judge-connections`, judgeConnectionListResponse, { signal }))
        .connections,
  });

export const useJudgeConnections = (projectId: string) => useQuery(judgeConnectionsQueryOptions(projectId));

export function useCreateJudge(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateJudgeBody) =>
      apiJson(`${projectPath(projectId)}/judges`, judgeSchema, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: judgesQueryOptions(projectId).queryKey }),
  });
}

export function useDeleteJudge(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (judgeId: string) =>
      apiNoContent(`${projectPath(projectId)}/judges/${encodeURIComponent(judgeId)}`, { method: 'DELETE' }),
    // Everything computed from the judge's answers goes with it.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['judges', projectId] }),
  });
}
