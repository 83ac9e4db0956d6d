import { projectListResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

export const getProjects = (signal?: AbortSignal) => apiJson('/api/projects', projectListResponse, { signal });

export const projectsQueryOptions = () =>
  queryOptions({ queryKey: ['projects'], queryFn: ({ signal }) => getProjects(signal) });

export const useProjects = () => useQuery(projectsQueryOptions());
