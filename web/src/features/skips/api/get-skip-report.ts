import { skipReportResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

export const getSkipReport = (projectId: string, signal?: AbortSignal) =>
  apiJson(`/api/projects/${encodeURIComponent(projectId)}/skips`, skipReportResponse, { signal });

export const skipReportQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: ['skips', projectId],
    queryFn: ({ signal }) => getSkipReport(projectId, signal),
  });

/** Every skip of the project (newest first) and the skipped items still short of their overlap target. */
export const useSkipReport = (projectId: string, options: { pollMs?: number } = {}) =>
  useQuery({ ...skipReportQueryOptions(projectId), refetchInterval: options.pollMs });
