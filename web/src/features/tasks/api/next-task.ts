import { nextTaskResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

/**
 * Claims the next item (or returns the lease the annotator already holds, so asking twice is harmless). A POST
 * because it may create a lease, used as a query because it reads "what am I working on".
 */
export const getNextTask = (projectId: string, signal?: AbortSignal) =>
  apiJson(`/api/projects/${encodeURIComponent(projectId)}/tasks/next`, nextTaskResponse, { method: 'POST', signal });

export const nextTaskQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: ['tasks', projectId, 'next'],
    queryFn: ({ signal }) => getNextTask(projectId, signal),
    // A held lease never goes stale by itself; we refetch after submit or skip.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });

export const useNextTask = (projectId: string) => useQuery(nextTaskQueryOptions(projectId));
