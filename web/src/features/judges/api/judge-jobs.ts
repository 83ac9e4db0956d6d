import {
  type CreateJudgeJobBody,
  type JudgeJob,
  judgeFailureListResponse,
  judgeJobListResponse,
  judgeJobSchema,
} from '@feedbench/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { useProjectLiveSocket } from '../../../lib/project-live-socket.ts';
import { projectPath } from './judges.ts';

const jobsPath = (projectId: string) => `${projectPath(projectId)}/judge-jobs`;

export const judgeJobsQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: ['judges', projectId, 'jobs'],
    queryFn: async ({ signal }) => (await apiJson(jobsPath(projectId), judgeJobListResponse, { signal })).jobs,
  });

/**
 * The project's judging jobs, kept current by the project's websocket: each progress message carries the running
 * jobs (and those just finished), merged into the list without a refetch. When a job ends, what its answers feed
 * (judges' counts, calibration, failures) is refetched.
 */
export function useJudgeJobs(projectId: string) {
  const queryClient = useQueryClient();
  const { queryKey } = judgeJobsQueryOptions(projectId);
  useProjectLiveSocket(projectId, (message) => {
    const live = message.judgeJobs;
    if (!live || live.length === 0) return;
    const before = queryClient.getQueryData<JudgeJob[]>(queryKey) ?? [];
    const ended = live.some(
      (job) => job.status !== 'running' && before.find((j) => j.id === job.id)?.status === 'running',
    );
    queryClient.setQueryData<JudgeJob[]>(queryKey, (jobs = []) => {
      const byId = new Map(live.map((job) => [job.id, job]));
      const known = jobs.map((job) => byId.get(job.id) ?? job);
      const added = live.filter((job) => !jobs.some((j) => j.id === job.id));
      return [...added, ...known];
    });
    if (ended) void queryClient.invalidateQueries({ queryKey: ['judges', projectId], exact: false });
  });
  return useQuery(judgeJobsQueryOptions(projectId));
}

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
