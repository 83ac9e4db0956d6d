import { goldAccuracyResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

export const getGoldAccuracy = (projectId: string, signal?: AbortSignal) =>
  apiJson(`/api/projects/${encodeURIComponent(projectId)}/gold/accuracy`, goldAccuracyResponse, { signal });

export const goldAccuracyQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: ['gold', projectId, 'accuracy'],
    queryFn: ({ signal }) => getGoldAccuracy(projectId, signal),
  });

/** Gold settings and each annotator's accuracy and paused state; `useLiveGold` refetches it as answers arrive. */
export const useGoldAccuracy = (projectId: string) => useQuery(goldAccuracyQueryOptions(projectId));
