import { z } from 'zod';
import { samplingParamsSchema } from './models.ts';

/**
 * Generation jobs: sample N outputs per item from one or more model connections. Samples are keyed by item x
 * connection x sample index: a job asking for samples that exist already (done by an earlier job) skips them, so a
 * job can be started again safely, and a crash never duplicates one.
 */
export const GENERATION_JOB_STATUSES = ['running', 'done', 'cancelled', 'failed'] as const;
export type GenerationJobStatus = (typeof GENERATION_JOB_STATUSES)[number];

export const createGenerationJobBody = z
  .object({
    connectionIds: z.array(z.string().uuid()).min(1).max(10),
    /** Samples per item from each connection (sample indices 0..N-1). */
    samplesPerItem: z.number().int().min(1).max(32),
    /** Sampling parameters over each connection's defaults; with a seed, sample i is asked with seed + i. */
    params: samplingParamsSchema.default({}),
    /** Choices asked per call (`n`): up to this many samples of one item and connection in one request. */
    n: z.number().int().min(1).max(16).default(1),
    /** Calls in flight at once (per job, across its connections). */
    concurrency: z.number().int().min(1).max(64).default(4),
    /** Tries per sample before it is reported failed (rate limits, server errors, timeouts). */
    maxAttempts: z.number().int().min(1).max(20).default(5),
    /** Only these items (default: every item of the project without an answer). */
    itemIds: z.array(z.string().uuid()).min(1).max(100_000).optional(),
  })
  .strict();
export type CreateGenerationJobBody = z.input<typeof createGenerationJobBody>;

export const generationJobSchema = z.object({
  id: z.string().uuid(),
  projectId: z.string().uuid(),
  status: z.enum(GENERATION_JOB_STATUSES),
  connectionIds: z.array(z.string().uuid()),
  samplesPerItem: z.number().int(),
  n: z.number().int(),
  params: samplingParamsSchema,
  concurrency: z.number().int(),
  maxAttempts: z.number().int(),
  /** Samples this job was given (missing ones); those an earlier job made are not counted. */
  samplesTotal: z.number().int(),
  samplesDone: z.number().int(),
  samplesFailed: z.number().int(),
  /** Items answered while the job ran: their samples were not added (annotators would see a changed item). */
  samplesSkipped: z.number().int(),
  /** Items the job covers, and those whose outputs already existed for every connection and index (nothing to do). */
  itemsTotal: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type GenerationJob = z.infer<typeof generationJobSchema>;

export const generationJobListResponse = z.object({ jobs: z.array(generationJobSchema) });
export const generationJobParams = z.object({ projectId: z.string().uuid(), jobId: z.string().uuid() });

/** A sample that failed for good (or was skipped), for the per-item failure report. */
export const generationFailureSchema = z.object({
  itemId: z.string().uuid(),
  externalId: z.string(),
  connectionId: z.string().uuid(),
  sampleIndex: z.number().int(),
  status: z.enum(['failed', 'skipped']),
  attempts: z.number().int(),
  error: z.string().nullable(),
});
export type GenerationFailure = z.infer<typeof generationFailureSchema>;

export const generationJobDetailResponse = z.object({
  job: generationJobSchema,
  /** The first failures, item by item (at most 500). */
  failures: z.array(generationFailureSchema),
});
export type GenerationJobDetailResponse = z.infer<typeof generationJobDetailResponse>;
