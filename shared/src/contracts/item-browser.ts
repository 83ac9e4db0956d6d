import { z } from 'zod';
import { answersSchema } from '../answers.ts';
import { SKIP_REASONS } from '../constants.ts';
import { messageSchema } from '../messages.ts';
import { outputProvenanceSchema } from './models.ts';
import { REVIEW_VERDICTS } from './review.ts';
import { rewardScoreProvenanceSchema } from './reward-scores.ts';

/**
 * The researcher's item browser (`GET /api/projects/:projectId/items`): keyset pages in import order, never OFFSET,
 * so a page costs the same on the first and the millionth item, and pages stay stable while items are imported.
 */

/** What the browser filters by. An item can be several at once (complete and flagged); `status` shows the first three. */
export const ITEM_STATES = ['waiting', 'in-progress', 'complete', 'skipped', 'gold', 'flagged', 'rejected'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

/** An opaque keyset cursor: the import position of the last item seen, as a decimal string. */
export const itemCursorSchema = z
  .string()
  .regex(/^\d{1,18}$/, 'cursor must be a value of nextCursor from a previous page')
  .describe('nextCursor of the previous page; absent for the first page');

export const itemListQuery = z.object({
  cursor: itemCursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  state: z.enum(ITEM_STATES).optional(),
  /** Exact external id (index lookup) or, failing that, text the prompt contains (case-insensitive). */
  q: z.string().trim().min(1).max(200).optional(),
  /**
   * Metadata filters `key=value`, all of which must hold (a JSON value, or else a string: `lang=fr`, `turns=3`,
   * `reviewed=true`). Repeat the parameter for several.
   */
  meta: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().regex(/^[^=]{1,100}=.{0,200}$/, 'meta filters read key=value')).max(5))
    .optional(),
});
export type ItemListQuery = z.input<typeof itemListQuery>;

export const itemSummarySchema = z.object({
  id: z.string().uuid(),
  externalId: z.string(),
  position: z.number().int(),
  /** The last user turn of the prompt, cut to 200 characters. */
  prompt: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  annotations: z.number().int(),
  overlapTarget: z.number().int(),
  status: z.enum(['waiting', 'in-progress', 'complete']),
  gold: z.boolean(),
  skips: z.number().int(),
  flagged: z.boolean(),
  rejected: z.boolean(),
});
export type ItemSummary = z.infer<typeof itemSummarySchema>;

export const itemListResponse = z.object({
  items: z.array(itemSummarySchema),
  /**
   * Where the next page starts; null at the end. A text or metadata search reads a bounded window of items per page,
   * so a page can hold fewer than `limit` items (even none) and still have a next one.
   */
  nextCursor: z.string().nullable(),
});
export type ItemListResponse = z.infer<typeof itemListResponse>;

export const itemDetailParams = z.object({ projectId: z.string().uuid(), itemId: z.string().uuid() });

export const itemDetailResponse = z.object({
  item: itemSummarySchema.extend({
    conversation: z.array(messageSchema),
    outputs: z.array(
      z.object({
        id: z.string(),
        model: z.string().nullable(),
        content: z.string(),
        /** The generation job's call that wrote it; null: imported. */
        provenance: outputProvenanceSchema.nullable(),
        /** Its reward score (imported, set through the API or by a scoring job); null: none. */
        score: z.number().nullable(),
        /** The scoring job that set `score`, when one did. */
        scoreProvenance: rewardScoreProvenanceSchema.nullable(),
      }),
    ),
  }),
  annotations: z.array(
    z.object({
      id: z.string().uuid(),
      annotatorEmail: z.string(),
      answers: answersSchema,
      displayOrder: z.array(z.string()),
      submittedAt: z.string(),
      review: z.object({ verdict: z.enum(REVIEW_VERDICTS), comment: z.string().nullable() }).nullable(),
    }),
  ),
  skips: z.array(
    z.object({ annotatorEmail: z.string(), reason: z.enum(SKIP_REASONS), comment: z.string().nullable() }),
  ),
});
export type ItemDetailResponse = z.infer<typeof itemDetailResponse>;
