import { reviewListResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

export const getMyReviews = (projectId: string, signal?: AbortSignal) =>
  apiJson(`/api/projects/${encodeURIComponent(projectId)}/my-reviews`, reviewListResponse, { signal });

export const myReviewsQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: ['my-reviews', projectId], queryFn: ({ signal }) => getMyReviews(projectId, signal) });

/** The verdicts reviewers gave on the caller's own annotations. */
export const useMyReviews = (projectId: string) => useQuery(myReviewsQueryOptions(projectId));
