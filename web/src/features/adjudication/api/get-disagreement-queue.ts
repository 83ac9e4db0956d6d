import { disagreementQueueResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

export const getDisagreementQueue = (projectId: string, signal?: AbortSignal) =>
  apiJson(`/api/projects/${encodeURIComponent(projectId)}/adjudication?limit=100`, disagreementQueueResponse, {
    signal,
  });

export const disagreementQueueQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: ['disagreement-queue', projectId],
    queryFn: ({ signal }) => getDisagreementQueue(projectId, signal),
  });

/** The project's items whose annotators disagree most, worst first (reviewers and researchers). */
export const useDisagreementQueue = (projectId: string) => useQuery(disagreementQueueQueryOptions(projectId));
