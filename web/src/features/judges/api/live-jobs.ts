import { type QueryClient, type QueryKey, useQueryClient } from '@tanstack/react-query';
import { mergeLiveJobList } from '../../../lib/live-job-pages.ts';
import { useProjectLiveSocket } from '../../../lib/project-live-socket.ts';
import { judgeJobsQueryOptions } from './judge-jobs.ts';
import { scoreJobsQueryOptions } from './score-jobs.ts';

/** Merges a progress message's jobs into a cached list (mergeLiveJobList); true when one ended. */
function mergeJobs<T extends { id: string; status: string }>(
  queryClient: QueryClient,
  queryKey: QueryKey,
  live: readonly T[] | undefined,
): boolean {
  if (!live || live.length === 0) return false;
  const { jobs, ended } = mergeLiveJobList(queryClient.getQueryData<T[]>(queryKey) ?? [], live);
  queryClient.setQueryData<T[]>(queryKey, jobs);
  return ended;
}

/**
 * The judges page's one websocket: each progress message carries the judging and the reward-scoring jobs running
 * now (and those just finished), merged into their lists without a refetch. When a job ends, what it feeds (judges'
 * counts, calibration, failures) is refetched. Returns whether the socket is open (lists poll while it is not).
 */
export function useJudgesLiveJobs(projectId: string): boolean {
  const queryClient = useQueryClient();
  return useProjectLiveSocket(projectId, (message) => {
    const judged = mergeJobs(queryClient, judgeJobsQueryOptions(projectId).queryKey, message.judgeJobs);
    const scored = mergeJobs(queryClient, scoreJobsQueryOptions(projectId).queryKey, message.scoreJobs);
    if (judged || scored) void queryClient.invalidateQueries({ queryKey: ['judges', projectId], exact: false });
  });
}
