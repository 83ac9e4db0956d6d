import type { InfiniteData } from '@tanstack/react-query';

/** One keyset page of a project's background jobs (imports, exports), newest first. */
export interface JobPage<J extends { id: string }> {
  jobs: J[];
  nextCursor: string | null;
}
export type JobPages<J extends { id: string }> = InfiniteData<JobPage<J>, string | undefined>;

/**
 * The loaded pages with jobs from a live progress message: a job already listed is replaced where it is, on whatever
 * page; a job not listed yet is new, so it goes at the top of the first page (the list is newest first).
 */
export function mergeLiveJobs<J extends { id: string }>(
  data: JobPages<J> | undefined,
  live: readonly J[],
): JobPages<J> | undefined {
  if (!data) return data;
  const byId = new Map(live.map((job) => [job.id, job]));
  const listed = new Set(data.pages.flatMap((page) => page.jobs.map((job) => job.id)));
  const added = live.filter((job) => !listed.has(job.id));
  return {
    ...data,
    pages: data.pages.map((page, i) => ({
      ...page,
      jobs: [...(i === 0 ? added : []), ...page.jobs.map((job) => byId.get(job.id) ?? job)],
    })),
  };
}

/**
 * A whole list of jobs (one page: judging, scoring, generation) with those of a live progress message: a listed job is
 * replaced where it is, a new one goes first. `ended`: a job listed as running is running no more (what it fed is due
 * a refetch).
 */
export function mergeLiveJobList<J extends { id: string; status: string }>(
  known: readonly J[],
  live: readonly J[],
): { jobs: J[]; ended: boolean } {
  const byId = new Map(live.map((job) => [job.id, job]));
  const ended = known.some((job) => job.status === 'running' && (byId.get(job.id)?.status ?? 'running') !== 'running');
  const listed = new Set(known.map((job) => job.id));
  return {
    jobs: [...live.filter((job) => !listed.has(job.id)), ...known.map((job) => byId.get(job.id) ?? job)],
    ended,
  };
}
