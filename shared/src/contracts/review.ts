import { z } from 'zod';
import { answersSchema } from '../answers.ts';
import { messageSchema } from '../messages.ts';
import { keysetPageQuery } from './pagination.ts';

/**
 * A reviewer's verdict on one annotation: `accepted`; `rejected` with a comment the annotator sees; or `corrected`
 * (demonstrations): an edited version kept beside the original, with a diff.
 */
export const REVIEW_VERDICTS = ['accepted', 'rejected', 'corrected'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

export const annotationIdParams = z.object({ annotationId: z.string().uuid() });

export const reviewBody = z
  .discriminatedUnion('verdict', [
    z.object({ verdict: z.literal('accepted'), comment: z.string().trim().max(4000).optional() }),
    z.object({ verdict: z.literal('rejected'), comment: z.string().trim().min(1, 'say what to fix').max(4000) }),
    z.object({
      verdict: z.literal('corrected'),
      comment: z.string().trim().max(4000).optional(),
      correctedAnswers: answersSchema,
    }),
  ])
  .describe('accepted | rejected (comment required) | corrected (correctedAnswers required)');
export type ReviewBody = z.infer<typeof reviewBody>;

/** One piece of a word-level diff: kept, removed from the original, or added by the correction. */
export const diffPartSchema = z.object({ op: z.enum(['same', 'removed', 'added']), text: z.string() });
export type DiffPart = z.infer<typeof diffPartSchema>;

export const reviewSchema = z.object({
  id: z.string().uuid(),
  annotationId: z.string().uuid(),
  itemId: z.string().uuid(),
  itemExternalId: z.string(),
  /** The annotator's answers as submitted (the feedback shows them beside the verdict). */
  originalAnswers: answersSchema,
  verdict: z.enum(REVIEW_VERDICTS),
  comment: z.string().nullable(),
  correctedAnswers: answersSchema.nullable(),
  /** Per corrected demonstration question: the word diff from the annotator's text to the correction. */
  diffs: z.record(z.string(), z.array(diffPartSchema)),
  reviewedAt: z.string(),
});
export type Review = z.infer<typeof reviewSchema>;

/** An annotation waiting for review, with what the reviewer needs to judge it (never the model names). */
export const reviewQueueEntrySchema = z.object({
  annotationId: z.string().uuid(),
  itemId: z.string().uuid(),
  itemExternalId: z.string(),
  conversation: z.array(messageSchema),
  outputs: z.array(z.object({ id: z.string(), content: z.string() })),
  answers: answersSchema,
  submittedAt: z.string(),
});
export type ReviewQueueEntry = z.infer<typeof reviewQueueEntrySchema>;

export const reviewQueueQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }).strict();
export const reviewQueueResponse = z.object({ entries: z.array(reviewQueueEntrySchema) });
/** Newest first, at most `limit` per page; `cursor`: the previous page's nextCursor. */
export const reviewListQuery = keysetPageQuery(200, 1000);
export const reviewListResponse = z.object({
  reviews: z.array(reviewSchema),
  /** Where the next (older) page starts; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type ReviewListResponse = z.infer<typeof reviewListResponse>;
