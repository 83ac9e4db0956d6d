import { goldItemListResponse } from '@feedbench/shared';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

export const getGoldItems = (projectId: string, cursor: string | undefined, signal?: AbortSignal) =>
  apiJson(
    `/api/projects/${encodeURIComponent(projectId)}/gold${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
    goldItemListResponse,
    { signal },
  );

/** Keyset pages of the project's gold items, newest marked first. */
export const goldItemsQueryOptions = (projectId: string) =>
  infiniteQueryOptions({
    queryKey: ['gold', projectId, 'items'],
    queryFn: ({ pageParam, signal }) => getGoldItems(projectId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

/** The project's gold items with their reference answers and how annotators scored on each, a page at a time. */
export const useGoldItems = (projectId: string) => useInfiniteQuery(goldItemsQueryOptions(projectId));
