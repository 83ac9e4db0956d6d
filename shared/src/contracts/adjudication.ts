import { z } from 'zod';
import { answersSchema } from '../answers.ts';
import { messageSchema } from '../messages.ts';
import { QUESTION_TYPES, questionSchema } from '../template.ts';
import { keysetCursorSchema } from './pagination.ts';
import { REVIEW_VERDICTS } from './review.ts';

/**
 * The question types the disagreement queue can score, and how (per item, among its annotators, 0 = all agree,
 * 1 = as far apart as possible):
 * - ranking: 1 - pairwise ranking agreement (InstructGPT's share of output pairs two annotators order alike);
 * - pairwise: 1 - the share of annotators who gave the majority verdict (preferred output, tie or both bad);
 * - rating: the mean over outputs of the range of ratings (max - min), over the width of the scale;
 * - classification: the share of annotators whose choice differs from the most common one;
 * - best-of-k: the share of annotators whose pick (an output, or "none") differs from the most common one.
 * Each measure is the type's module's `disagreement` (shared/src/questions/<type>.ts); the list is those types.
 */
export const DISAGREEMENT_QUESTION_TYPES = ['ranking', 'pairwise', 'rating', 'classification', 'best-of-k'] as const;
export type DisagreementQuestionType = (typeof DISAGREEMENT_QUESTION_TYPES)[number];

export const adjudicationItemParams = z.object({ projectId: z.string().uuid(), itemId: z.string().uuid() });

export const disagreementQueueQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    /** Leave out items that already have an adjudicated answer. */
    pending: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    cursor: keysetCursorSchema.optional(),
  })
  .strict();

export const disagreementEntrySchema = z.object({
  itemId: z.string().uuid(),
  itemExternalId: z.string(),
  /** Annotations scored (rejected ones left out; corrected ones count with their correction). */
  annotations: z.number().int(),
  /** 0 (all agree) .. 1 (as far apart as possible); see DISAGREEMENT_QUESTION_TYPES. */
  disagreement: z.number(),
  adjudicatedAt: z.string().nullable(),
});
export type DisagreementEntry = z.infer<typeof disagreementEntrySchema>;

export const disagreementQueueResponse = z.object({
  /** The question disagreement is measured on: the template's first question of a scorable type; null if none. */
  question: z.object({ id: z.string(), type: z.enum(QUESTION_TYPES), label: z.string() }).nullable(),
  /** Worst first; only items with two or more scored annotations. */
  entries: z.array(disagreementEntrySchema),
  /** Where the next page starts (keyset over the queue's order); null on the last page. */
  nextCursor: z.string().nullable(),
});
export type DisagreementQueueResponse = z.infer<typeof disagreementQueueResponse>;

export const adjudicationSchema = z.object({
  itemId: z.string().uuid(),
  answers: answersSchema,
  templateVersion: z.number().int(),
  adjudicatorEmail: z.string().nullable(),
  adjudicatedAt: z.string(),
  /** 1 for the first adjudication, +1 each time it is replaced. */
  revision: z.number().int(),
});
export type Adjudication = z.infer<typeof adjudicationSchema>;

/**
 * One item with every annotation side by side. Outputs are in import order and named by their output ids, which is
 * also how the answers name them (never the display letters each annotator saw). Annotators are numbered in
 * submission order, not named: the adjudicator judges answers, not people.
 */
export const adjudicationItemSchema = z.object({
  itemId: z.string().uuid(),
  itemExternalId: z.string(),
  conversation: z.array(messageSchema),
  outputs: z.array(z.object({ id: z.string(), content: z.string() })),
  questions: z.array(questionSchema),
  disagreement: z.number().nullable(),
  annotations: z.array(
    z.object({
      annotationId: z.string().uuid(),
      annotator: z.string(),
      answers: answersSchema,
      verdict: z.enum(REVIEW_VERDICTS).nullable(),
      submittedAt: z.string(),
    }),
  ),
  adjudication: adjudicationSchema.nullable(),
});
export type AdjudicationItem = z.infer<typeof adjudicationItemSchema>;

export const adjudicateBody = z.object({ answers: answersSchema }).strict();
export type AdjudicateBody = z.infer<typeof adjudicateBody>;
