import { type ItemState, itemListResponse } from '@feedbench/shared';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

const PAGE_SIZE = 100;

/** What the researcher filters the item browser by; empty fields filter nothing. */
export interface ItemFilter {
  state?: ItemState;
  q?: string;
  /** `key=value` metadata filters. */
  meta: string[];
}

export const listItems = (projectId: string, filter: ItemFilter, cursor: string | undefined, signal?: AbortSignal) => {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (cursor) query.set('cursor', cursor);
  if (filter.state) query.set('state', filter.state);
  if (filter.q) query.set('q', filter.q);
  for (const m of filter.meta) query.append('meta', m);
  return apiJson(`/api/projects/${encodeURIComponent(projectId)}/items?${query}`, itemListResponse, { signal });
};

export const itemsQueryOptions = (projectId: string, filter: ItemFilter) =>
  infiniteQueryOptions({
    queryKey: ['items', projectId, filter],
    queryFn: ({ pageParam, signal }) => listItems(projectId, filter, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

/** The project's items in import order, a keyset page at a time (the browser fetches more as it scrolls). */
export const useItems = (projectId: string, filter: ItemFilter) =>
  useInfiniteQuery(itemsQueryOptions(projectId, filter));
