import { type CreateExportJobBody, type ExportJob, exportJobListResponse, exportJobSchema } from '@feedbench/shared';
import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { type JobPages, mergeLiveJobs } from '../../../lib/live-job-pages.ts';
import { useProjectLiveSocket } from '../../../lib/project-live-socket.ts';

const jobsPath = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/export-jobs`;

export const exportJobFileUrl = (projectId: string, jobId: string) =>
  `${jobsPath(projectId)}/${encodeURIComponent(jobId)}/file`;

export const getExportJobs = (projectId: string, cursor: string | undefined, signal?: AbortSignal) =>
  apiJson(`${jobsPath(projectId)}${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, exportJobListResponse, {
    signal,
  });

/** Keyset pages of the project's export jobs, newest first. */
export const exportJobsQueryOptions = (projectId: string) =>
  infiniteQueryOptions({
    queryKey: ['exports', projectId, 'jobs'],
    queryFn: ({ pageParam, signal }) => getExportJobs(projectId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

/**
 * The project's background exports (keyset pages), kept current by the project's websocket: each progress message carries the
 * running jobs (and those just finished), merged into the list without a refetch.
 */
export function useExportJobs(projectId: string) {
  const queryClient = useQueryClient();
  const { queryKey } = exportJobsQueryOptions(projectId);
  useProjectLiveSocket(projectId, (message) => {
    const live = message.exportJobs;
    if (!live || live.length === 0) return;
    queryClient.setQueryData<JobPages<ExportJob>>(queryKey, (pages) => mergeLiveJobs(pages, live));
  });
  return useInfiniteQuery(exportJobsQueryOptions(projectId));
}

export const createExportJob = (projectId: string, body: CreateExportJobBody) =>
  apiJson(jobsPath(projectId), exportJobSchema, { method: 'POST', body });

export function useCreateExportJob(projectId: string) {
  const queryClient = useQueryClient();
  const { queryKey } = exportJobsQueryOptions(projectId);
  return useMutation({
    mutationFn: (body: CreateExportJobBody) => createExportJob(projectId, body),
    onSuccess: (job) => {
      queryClient.setQueryData<JobPages<ExportJob>>(queryKey, (pages) => mergeLiveJobs(pages, [job]));
    },
  });
}
