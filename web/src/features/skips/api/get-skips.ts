import { skipListResponse, skippedItemListResponse } from '@feedbench/shared';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

const PAGE_SIZE = 100;

const skipsPath = (projectId: string, list: 'skips' | 'skips/items', cursor: string | undefined) => {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (cursor) query.set('cursor', cursor);
  return `/api/projects/${encodeURIComponent(projectId)}/${list}?${query}`;
};

export const skipsQueryOptions = (projectId: string) =>
  infiniteQueryOptions({
    queryKey: ['skips', projectId, 'list'],
    queryFn: ({ pageParam, signal }) => apiJson(skipsPath(projectId, 'skips', pageParam), skipListResponse, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

export const skippedItemsQueryOptions = (projectId: string) =>
  infiniteQueryOptions({
    queryKey: ['skips', projectId, 'items'],
    queryFn: ({ pageParam, signal }) =>
      apiJson(skipsPath(projectId, 'skips/items', pageParam), skippedItemListResponse, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

/** The project's skips, newest first, a keyset page at a time (the pages loaded so far are refreshed every pollMs). */
export const useSkips = (projectId: string, options: { pollMs?: number } = {}) =>
  useInfiniteQuery({ ...skipsQueryOptions(projectId), refetchInterval: options.pollMs });

/** Skipped items still short of the overlap target, most skipped first, a keyset page at a time. */
export const useSkippedItems = (projectId: string, options: { pollMs?: number } = {}) =>
  useInfiniteQuery({ ...skippedItemsQueryOptions(projectId), refetchInterval: options.pollMs });
