import { itemDetailResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

export const getItem = (projectId: string, itemId: string, signal?: AbortSignal) =>
  apiJson(`/api/projects/${encodeURIComponent(projectId)}/items/${encodeURIComponent(itemId)}`, itemDetailResponse, {
    signal,
  });

export const itemQueryOptions = (projectId: string, itemId: string) =>
  queryOptions({
    queryKey: ['items', projectId, 'detail', itemId],
    queryFn: ({ signal }) => getItem(projectId, itemId, signal),
  });

/** One item with its outputs, annotations (annotator, answers, verdict) and skips. */
export const useItem = (projectId: string, itemId: string | undefined) =>
  useQuery({ ...itemQueryOptions(projectId, itemId ?? ''), enabled: itemId !== undefined });
