import { z } from 'zod';

/** Items a judging or scoring job may name (more: run it on every item, or in several jobs). */
export const MAX_JOB_ITEM_IDS = 100_000;
/** The body of a job naming MAX_JOB_ITEM_IDS item ids (36-character uuids, quoted, comma-separated) fits in this. */
export const JOB_BODY_LIMIT = 5 * 1024 * 1024;

/**
 * A job's items: by id (`itemIds`) or by the ids of the import file (`externalIds`, what a researcher has at hand), not
 * both; neither: every item of the project.
 */
export const jobItemsFields = {
  itemIds: z.array(z.string().uuid()).min(1).max(MAX_JOB_ITEM_IDS).optional(),
  externalIds: z.array(z.string().trim().min(1).max(200)).min(1).max(MAX_JOB_ITEM_IDS).optional(),
};
export const oneItemList: [
  (body: { itemIds?: unknown; externalIds?: unknown }) => boolean,
  { message: string; path: string[] },
] = [
  (body) => body.itemIds === undefined || body.externalIds === undefined,
  { message: 'name the items by itemIds or by externalIds, not both', path: ['externalIds'] },
];

/** A judging job (contracts/judges.ts), apart so the live message schema (projects.ts) can carry it. */
export const JUDGE_JOB_STATUSES = ['running', 'done', 'cancelled', 'failed'] as const;
export type JudgeJobStatus = (typeof JUDGE_JOB_STATUSES)[number];
export const judgeJobSchema = z.object({
  id: z.string().uuid(),
  projectId: z.string().uuid(),
  status: z.enum(JUDGE_JOB_STATUSES),
  judgeIds: z.array(z.string().uuid()),
  concurrency: z.number().int(),
  maxAttempts: z.number().int(),
  /** Item x judge tasks of the job: all, answered, and given up on (failed after maxAttempts). */
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JudgeJob = z.infer<typeof judgeJobSchema>;
