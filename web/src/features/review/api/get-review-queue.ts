import { reviewQueueResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

export const getReviewQueue = (projectId: string, signal?: AbortSignal) =>
  apiJson(`/api/projects/${encodeURIComponent(projectId)}/review-queue?limit=20`, reviewQueueResponse, { signal });

export const reviewQueueQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: ['review-queue', projectId], queryFn: ({ signal }) => getReviewQueue(projectId, signal) });

/** The oldest annotations of a project still waiting for a verdict (reviewers and researchers). */
export const useReviewQueue = (projectId: string) => useQuery(reviewQueueQueryOptions(projectId));
