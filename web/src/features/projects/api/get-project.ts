import { projectSchema } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { projectsQueryOptions } from './get-projects.ts';

export const getProject = (projectId: string, signal?: AbortSignal) =>
  apiJson(`/api/projects/${encodeURIComponent(projectId)}`, projectSchema, { signal });

export const projectQueryOptions = (projectId: string) =>
  queryOptions({
    // Under the list's key, so invalidating the list refreshes every project too.
    queryKey: [...projectsQueryOptions().queryKey, projectId],
    queryFn: ({ signal }) => getProject(projectId, signal),
  });

/** `pollMs` keeps progress counters live while researchers watch annotators work. */
export const useProject = (projectId: string, { pollMs }: { pollMs?: number } = {}) =>
  useQuery({ ...projectQueryOptions(projectId), refetchInterval: pollMs ?? false });
