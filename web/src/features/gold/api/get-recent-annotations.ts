import { annotationListResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

/** How many recent annotations the Gold page offers as reference answers. */
const RECENT = 50;

export const getRecentAnnotations = (projectId: string, signal?: AbortSignal) =>
  apiJson(`/api/projects/${encodeURIComponent(projectId)}/annotations?limit=${RECENT}`, annotationListResponse, {
    signal,
  });

export const recentAnnotationsQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: ['gold', projectId, 'recent-annotations'],
    queryFn: ({ signal }) => getRecentAnnotations(projectId, signal),
  });

/** The newest annotations of the project: candidates for "use as gold". */
export const useRecentAnnotations = (projectId: string) => useQuery(recentAnnotationsQueryOptions(projectId));
