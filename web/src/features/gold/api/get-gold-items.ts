import { goldItemListResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

export const getGoldItems = (projectId: string, signal?: AbortSignal) =>
  apiJson(`/api/projects/${encodeURIComponent(projectId)}/gold`, goldItemListResponse, { signal });

export const goldItemsQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: ['gold', projectId, 'items'], queryFn: ({ signal }) => getGoldItems(projectId, signal) });

/** The project's gold items with their reference answers and how annotators scored on each. */
export const useGoldItems = (projectId: string) => useQuery(goldItemsQueryOptions(projectId));
