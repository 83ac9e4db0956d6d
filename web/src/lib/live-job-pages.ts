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
