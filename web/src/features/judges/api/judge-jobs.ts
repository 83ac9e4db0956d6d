import {
  type CreateJudgeJobBody,
  type JudgeJob,
  judgeFailureListResponse,
  judgeJobListResponse,
  judgeJobSchema,
} from '@feedbench/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { projectPath } from './judges.ts';

const jobsPath = (projectId: string) => `${projectPath(projectId)}/judge-jobs`;
/** Running jobs are polled this often while the live socket is closed. */
const POLL_MS = 2000;

export const judgeJobsQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: ['judges', projectId, 'jobs'],
    queryFn: async ({ signal }) => (await apiJson(jobsPath(projectId), judgeJobListResponse, { signal })).jobs,
  });

/** The project's judging jobs: kept current by the page's websocket (live-jobs.ts), polled while it is closed. */
export const useJudgeJobs = (projectId: string, { live }: { live: boolean }) =>
  useQuery({
    ...judgeJobsQueryOptions(projectId),
    refetchInterval: (query) => (!live && query.state.data?.some((job) => job.status === 'running') ? POLL_MS : false),
  });

export function useCreateJudgeJob(projectId: string) {
  const queryClient = useQueryClient();
  const { queryKey } = judgeJobsQueryOptions(projectId);
  return useMutation({
    mutationFn: (body: CreateJudgeJobBody) => apiJson(jobsPath(projectId), judgeJobSchema, { method: 'POST', body }),
    onSuccess: (job) => {
      queryClient.setQueryData<JudgeJob[]>(queryKey, (jobs = []) => [job, ...jobs.filter((j) => j.id !== job.id)]);
    },
  });
}

export function useCancelJudgeJob(projectId: string) {
  const queryClient = useQueryClient();
  const { queryKey } = judgeJobsQueryOptions(projectId);
  return useMutation({
    mutationFn: (jobId: string) =>
      apiJson(`${jobsPath(projectId)}/${encodeURIComponent(jobId)}/cancel`, judgeJobSchema, { method: 'POST' }),
    onSuccess: (job) => {
      queryClient.setQueryData<JudgeJob[]>(queryKey, (jobs = []) => jobs.map((j) => (j.id === job.id ? job : j)));
    },
  });
}

export const judgeFailuresQueryOptions = (projectId: string, jobId: string) =>
  queryOptions({
    queryKey: ['judges', projectId, 'jobs', jobId, 'failures'],
    queryFn: async ({ signal }) =>
      (
        await apiJson(`${jobsPath(projectId)}/${encodeURIComponent(jobId)}/failures`, judgeFailureListResponse, {
          signal,
        })
      ).failures,
  });

export const useJudgeFailures = (projectId: string, jobId: string, enabled: boolean) =>
  useQuery({ ...judgeFailuresQueryOptions(projectId, jobId), enabled });
