import {
  type CreateGenerationJobBody,
  type GenerationJob,
  generationJobDetailResponse,
  generationJobListResponse,
  generationJobSchema,
  projectSchema,
  usableModelConnectionListResponse,
} from '@feedbench/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { mergeLiveJobList } from '../../../lib/live-job-pages.ts';
import { useProjectLiveSocket } from '../../../lib/project-live-socket.ts';

const projectPath = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}`;
const jobsPath = (projectId: string) => `${projectPath(projectId)}/generation-jobs`;

export const generationJobsQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: ['generation', projectId, 'jobs'],
    queryFn: async ({ signal }) => (await apiJson(jobsPath(projectId), generationJobListResponse, { signal })).jobs,
  });

/**
 * The project's generation jobs, newest first, kept current by the project's websocket (each progress message
 * carries the running jobs and those just finished). `onFinished` runs once per job that ends while watched.
 */
export function useGenerationJobs(projectId: string, { onFinished }: { onFinished?: () => void } = {}) {
  const queryClient = useQueryClient();
  const { queryKey } = generationJobsQueryOptions(projectId);
  const live = useProjectLiveSocket(projectId, (message) => {
    const jobs = message.generationJobs;
    if (!jobs || jobs.length === 0) return;
    const merged = mergeLiveJobList(queryClient.getQueryData<GenerationJob[]>(queryKey) ?? [], jobs);
    queryClient.setQueryData<GenerationJob[]>(queryKey, merged.jobs);
    if (merged.ended) onFinished?.();
  });
  // Without the socket (proxy, reconnecting), a running job is polled.
  const query = useQuery({
    ...generationJobsQueryOptions(projectId),
    refetchInterval: (q) => (!live && q.state.data?.some((job) => job.status === 'running') ? 2000 : false),
  });
  return query;
}

export const generationJobDetailQueryOptions = (projectId: string, jobId: string) =>
  queryOptions({
    queryKey: ['generation', projectId, 'jobs', jobId],
    queryFn: ({ signal }) =>
      apiJson(`${jobsPath(projectId)}/${encodeURIComponent(jobId)}`, generationJobDetailResponse, { signal }),
  });

/** A job with its per-item failure report (read when the researcher opens it). */
export const useGenerationJobDetail = (projectId: string, jobId: string | null) =>
  useQuery({ ...generationJobDetailQueryOptions(projectId, jobId ?? ''), enabled: jobId !== null });

export function useStartGenerationJob(projectId: string) {
  const queryClient = useQueryClient();
  const { queryKey } = generationJobsQueryOptions(projectId);
  return useMutation({
    mutationFn: (body: CreateGenerationJobBody) =>
      apiJson(jobsPath(projectId), generationJobSchema, { method: 'POST', body }),
    onSuccess: (job) => {
      queryClient.setQueryData<GenerationJob[]>(queryKey, (jobs = []) => [job, ...jobs.filter((j) => j.id !== job.id)]);
      void queryClient.invalidateQueries({ queryKey });
    },
  });
}

export function useCancelGenerationJob(projectId: string) {
  const queryClient = useQueryClient();
  const { queryKey } = generationJobsQueryOptions(projectId);
  return useMutation({
    mutationFn: (jobId: string) =>
      apiJson(`${jobsPath(projectId)}/${encodeURIComponent(jobId)}/cancel`, generationJobSchema, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey }),
  });
}

export const usableConnectionsQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: ['generation', projectId, 'connections'],
    queryFn: async ({ signal }) =>
      (await apiJson(`${projectPath(projectId)}/model-connections`, usableModelConnectionListResponse, { signal }))
        .connections,
  });

/** The connections this project may sample from (its workspace's and the instance-wide ones). */
export const useUsableConnections = (projectId: string) => useQuery(usableConnectionsQueryOptions(projectId));

/** Lets the project take prompts without outputs (outputs from models); the page refreshes the project after. */
export function useSetOutputsFromModels(projectId: string, onDone: () => void) {
  return useMutation({
    mutationFn: (outputsFromModels: boolean) =>
      apiJson(projectPath(projectId), projectSchema, { method: 'PATCH', body: { outputsFromModels } }),
    onSuccess: onDone,
  });
}
