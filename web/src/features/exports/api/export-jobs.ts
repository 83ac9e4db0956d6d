import { type CreateExportJobBody, type ExportJob, exportJobListResponse, exportJobSchema } from '@feedbench/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { useProjectLiveSocket } from '../../../lib/project-live-socket.ts';

const jobsPath = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/export-jobs`;

export const exportJobFileUrl = (projectId: string, jobId: string) =>
  `${jobsPath(projectId)}/${encodeURIComponent(jobId)}/file`;

export const getExportJobs = (projectId: string, signal?: AbortSignal) =>
  apiJson(jobsPath(projectId), exportJobListResponse, { signal });

export const exportJobsQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: ['exports', projectId, 'jobs'],
    queryFn: async ({ signal }) => (await getExportJobs(projectId, signal)).jobs,
  });

/**
 * The project's background exports, kept current by the project's websocket: each progress message carries the
 * running jobs (and those just finished), merged into the list without a refetch.
 */
export function useExportJobs(projectId: string) {
  const queryClient = useQueryClient();
  const { queryKey } = exportJobsQueryOptions(projectId);
  useProjectLiveSocket(projectId, (message) => {
    const live = message.exportJobs;
    if (!live || live.length === 0) return;
    queryClient.setQueryData<ExportJob[]>(queryKey, (jobs = []) => {
      const byId = new Map(live.map((job) => [job.id, job]));
      const known = jobs.map((job) => byId.get(job.id) ?? job);
      const added = live.filter((job) => !jobs.some((j) => j.id === job.id));
      return [...added, ...known];
    });
  });
  return useQuery(exportJobsQueryOptions(projectId));
}

export const createExportJob = (projectId: string, body: CreateExportJobBody) =>
  apiJson(jobsPath(projectId), exportJobSchema, { method: 'POST', body });

export function useCreateExportJob(projectId: string) {
  const queryClient = useQueryClient();
  const { queryKey } = exportJobsQueryOptions(projectId);
  return useMutation({
    mutationFn: (body: CreateExportJobBody) => createExportJob(projectId, body),
    onSuccess: (job) => {
      queryClient.setQueryData<ExportJob[]>(queryKey, (jobs = []) => [job, ...jobs.filter((j) => j.id !== job.id)]);
    },
  });
}
