import { goldCandidateListResponse } from '@feedbench/shared';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

export const getGoldCandidates = (
  projectId: string,
  search: string,
  cursor: string | undefined,
  signal?: AbortSignal,
) => {
  const params = new URLSearchParams();
  if (search) params.set('q', search);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return apiJson(
    `/api/projects/${encodeURIComponent(projectId)}/gold/candidates${query ? `?${query}` : ''}`,
    goldCandidateListResponse,
    { signal },
  );
};

/**
 * Keyset pages of the annotations on non-gold items, newest first; `search` (an item's exact external id, or text of
 * its prompt) is answered by the server, so any item of a project of any size can be found. Under the ['gold',
 * projectId] key, so marking an item gold refreshes it.
 */
export const goldCandidatesQueryOptions = (projectId: string, search: string) =>
  infiniteQueryOptions({
    queryKey: ['gold', projectId, 'candidates', search],
    queryFn: ({ pageParam, signal }) => getGoldCandidates(projectId, search, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

export const useGoldCandidates = (projectId: string, search: string) =>
  useInfiniteQuery(goldCandidatesQueryOptions(projectId, search));
