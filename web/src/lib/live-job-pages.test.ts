import { describe, expect, it } from 'vitest';
import { type JobPages, mergeLiveJobList, mergeLiveJobs } from './live-job-pages.ts';

interface Job {
  id: string;
  status: string;
}
const pages = (...lists: Job[][]): JobPages<Job> => ({
  pages: lists.map((jobs, i) => ({ jobs, nextCursor: i < lists.length - 1 ? `c${i}` : null })),
  pageParams: lists.map((_, i) => (i === 0 ? undefined : `c${i - 1}`)),
});

describe('mergeLiveJobs', () => {
  it('replaces a listed job on whatever page it is, and puts a new one at the top of the first page', () => {
    const before = pages([{ id: 'b', status: 'done' }], [{ id: 'a', status: 'running' }]);
    const after = mergeLiveJobs(before, [
      { id: 'a', status: 'done' },
      { id: 'c', status: 'running' },
    ]);
    expect(after?.pages.map((p) => p.jobs)).toEqual([
      [
        { id: 'c', status: 'running' },
        { id: 'b', status: 'done' },
      ],
      [{ id: 'a', status: 'done' }],
    ]);
    expect(after?.pages.map((p) => p.nextCursor)).toEqual(['c0', null]);
  });

  it('leaves a list not loaded yet alone (the first fetch brings the jobs)', () => {
    expect(mergeLiveJobs<Job>(undefined, [{ id: 'a', status: 'running' }])).toBeUndefined();
  });
});

describe('mergeLiveJobList', () => {
  const job = (id: string, status: string, done = 0) => ({ id, status, done });
  it('replaces listed jobs in place, puts new ones first, and says when a running one ended', () => {
    const known = [job('b', 'running', 1), job('a', 'done', 5)];
    expect(mergeLiveJobList(known, [job('b', 'running', 3), job('c', 'running')])).toEqual({
      jobs: [job('c', 'running'), job('b', 'running', 3), job('a', 'done', 5)],
      ended: false,
    });
    expect(mergeLiveJobList(known, [job('b', 'cancelled', 2)]).ended).toBe(true);
    // A job missing from the message has not ended: messages carry running jobs and those just finished.
    expect(mergeLiveJobList(known, [job('c', 'done')]).ended).toBe(false);
  });
});
