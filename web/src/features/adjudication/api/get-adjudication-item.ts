import { adjudicationItemSchema } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

const itemPath = (projectId: string, itemId: string) =>
  `/api/projects/${encodeURIComponent(projectId)}/adjudication/items/${encodeURIComponent(itemId)}`;

export const getAdjudicationItem = (projectId: string, itemId: string, signal?: AbortSignal) =>
  apiJson(itemPath(projectId, itemId), adjudicationItemSchema, { signal });

export const adjudicationItemQueryOptions = (projectId: string, itemId: string) =>
  queryOptions({
    queryKey: ['adjudication-item', projectId, itemId],
    queryFn: ({ signal }) => getAdjudicationItem(projectId, itemId, signal),
  });

/** One item with every annotation side by side and its adjudicated answer, if any. */
export const useAdjudicationItem = (projectId: string, itemId: string) =>
  useQuery(adjudicationItemQueryOptions(projectId, itemId));

export { itemPath as adjudicationItemPath };
