import {
  type CreateScoreJobBody,
  type ScoreJob,
  scoreFailureListResponse,
  scoreJobListResponse,
  scoreJobSchema,
} from '@feedbench/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { projectPath } from './judges.ts';

const jobsPath = (projectId: string) => `${projectPath(projectId)}/score-jobs`;
/** Running jobs are polled this often while the live socket is closed. */
const POLL_MS = 2000;

export const scoreJobsQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: ['judges', projectId, 'score-jobs'],
    queryFn: async ({ signal }) => (await apiJson(jobsPath(projectId), scoreJobListResponse, { signal })).jobs,
  });

/** The project's reward-model scoring jobs: kept current by the page's websocket (live-jobs.ts), else polled. */
export const useScoreJobs = (projectId: string, { live }: { live: boolean }) =>
  useQuery({
    ...scoreJobsQueryOptions(projectId),
    refetchInterval: (query) => (!live && query.state.data?.some((job) => job.status === 'running') ? POLL_MS : false),
  });

export function useCreateScoreJob(projectId: string) {
  const queryClient = useQueryClient();
  const { queryKey } = scoreJobsQueryOptions(projectId);
  return useMutation({
    mutationFn: (body: CreateScoreJobBody) => apiJson(jobsPath(projectId), scoreJobSchema, { method: 'POST', body }),
    onSuccess: (job) => {
      queryClient.setQueryData<ScoreJob[]>(queryKey, (jobs = []) => [job, ...jobs.filter((j) => j.id !== job.id)]);
    },
  });
}

export function useCancelScoreJob(projectId: string) {
  const queryClient = useQueryClient();
  const { queryKey } = scoreJobsQueryOptions(projectId);
  return useMutation({
    mutationFn: (jobId: string) =>
      apiJson(`${jobsPath(projectId)}/${encodeURIComponent(jobId)}/cancel`, scoreJobSchema, { method: 'POST' }),
    onSuccess: (job) => {
      queryClient.setQueryData<ScoreJob[]>(queryKey, (jobs = []) => jobs.map((j) => (j.id === job.id ? job : j)));
    },
  });
}

export const scoreFailuresQueryOptions = (projectId: string, jobId: string) =>
  queryOptions({
    queryKey: ['judges', projectId, 'score-jobs', jobId, 'failures'],
    queryFn: async ({ signal }) =>
      (
        await apiJson(`${jobsPath(projectId)}/${encodeURIComponent(jobId)}/failures`, scoreFailureListResponse, {
          signal,
        })
      ).failures,
  });

export const useScoreFailures = (projectId: string, jobId: string, enabled: boolean) =>
  useQuery({ ...scoreFailuresQueryOptions(projectId, jobId), enabled });
