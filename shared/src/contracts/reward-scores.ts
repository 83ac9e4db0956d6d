import { z } from 'zod';
import { JUDGE_JOB_STATUSES, jobItemsFields, oneItemList } from './judge-jobs.ts';

/**
 * Reward-model scoring (`POST /api/projects/:projectId/score-jobs`): a model connection serving a reward model (vLLM's
 * pooling API, server/src/modules/judges/README.md) scores every output of the project's items in the background; each
 * score becomes the output's score (as PUT /output-scores sets it) with its provenance, and the score-margin and
 * judge-disagreement item orders follow.
 */
export const createScoreJobBody = z
  .object({
    connectionId: z.string().uuid(),
    ...jobItemsFields,
    /** Calls in flight at once (one call per output). */
    concurrency: z.number().int().min(1).max(32).default(4),
    /** Calls per item before it is reported failed (a failed call or an unreadable score each count one). */
    maxAttempts: z.number().int().min(1).max(10).default(3),
    /** Items this connection already scored are skipped unless this is set (then they are scored again). */
    redo: z.boolean().default(false),
  })
  .strict()
  .refine(...oneItemList);
export type CreateScoreJobBody = z.input<typeof createScoreJobBody>;

export const scoreJobSchema = z.object({
  id: z.string().uuid(),
  projectId: z.string().uuid(),
  status: z.enum(JUDGE_JOB_STATUSES),
  connectionId: z.string().uuid(),
  /** The connection's name and model when the job was made (provenance survives a renamed connection). */
  connectionName: z.string(),
  model: z.string(),
  concurrency: z.number().int(),
  maxAttempts: z.number().int(),
  /** Items of the job: all, scored (every output), and given up on. */
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ScoreJob = z.infer<typeof scoreJobSchema>;
export const scoreJobListResponse = z.object({ jobs: z.array(scoreJobSchema) });
export const scoreJobParams = z.object({ projectId: z.string().uuid(), jobId: z.string().uuid() });

export const scoreFailureSchema = z.object({
  itemId: z.string().uuid(),
  itemExternalId: z.string(),
  attempts: z.number().int(),
  /** The last attempt's reason (a failed call, or a reply without a readable score). */
  error: z.string(),
});
export const scoreFailureListResponse = z.object({ failures: z.array(scoreFailureSchema) });

/** Where an output's reward score came from, when a scoring job set it (the raw export and the item browser). */
export const rewardScoreProvenanceSchema = z.object({
  source: z.literal('reward-model'),
  jobId: z.string().uuid(),
  connectionId: z.string().uuid(),
  connectionName: z.string(),
  model: z.string(),
  scoredAt: z.string(),
});
export type RewardScoreProvenance = z.infer<typeof rewardScoreProvenanceSchema>;
