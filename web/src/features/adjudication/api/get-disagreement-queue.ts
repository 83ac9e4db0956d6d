import { disagreementQueueResponse } from '@feedbench/shared';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

export const getDisagreementQueue = (projectId: string, cursor: string | undefined, signal?: AbortSignal) =>
  apiJson(
    `/api/projects/${encodeURIComponent(projectId)}/adjudication?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    disagreementQueueResponse,
    { signal },
  );

/** Keyset pages of the disagreement queue, worst first. */
export const disagreementQueueQueryOptions = (projectId: string) =>
  infiniteQueryOptions({
    queryKey: ['disagreement-queue', projectId],
    queryFn: ({ pageParam, signal }) => getDisagreementQueue(projectId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

/** The project's items whose annotators disagree most, worst first (reviewers and researchers), a page at a time. */
export const useDisagreementQueue = (projectId: string) => useInfiniteQuery(disagreementQueueQueryOptions(projectId));
