import { projectListResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

export const getProjects = (workspaceId?: string, signal?: AbortSignal) =>
  apiJson(
    workspaceId ? `/api/projects?workspaceId=${encodeURIComponent(workspaceId)}` : '/api/projects',
    projectListResponse,
    { signal },
  );

/** Every project the caller may see; one workspace's under a longer key (so `['projects']` invalidates both). */
export const projectsQueryOptions = (workspaceId?: string) =>
  queryOptions({
    queryKey: workspaceId ? ['projects', 'in-workspace', workspaceId] : ['projects'],
    queryFn: ({ signal }) => getProjects(workspaceId, signal),
  });

export const useProjects = (workspaceId?: string) => useQuery(projectsQueryOptions(workspaceId));
