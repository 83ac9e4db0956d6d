import { z } from 'zod';
import { answersSchema } from '../answers.ts';
import { keysetPageQuery } from '../contracts/pagination.ts';
import { goldSettingsSchema } from '../template.ts';

export const goldItemParams = z.object({ projectId: z.string().uuid(), itemId: z.string().uuid() });
export const goldAnnotatorParams = z.object({ projectId: z.string().uuid(), userId: z.string().uuid() });

/** Reference answers for an item: must be a valid submission for the project's template and the item's outputs. */
export const markGoldBody = z.object({ answers: answersSchema });
export type MarkGoldBody = z.infer<typeof markGoldBody>;

export const goldItemSchema = z.object({
  itemId: z.string().uuid(),
  itemExternalId: z.string(),
  answers: answersSchema,
  createdBy: z.string().uuid().nullable(),
  createdAt: z.string(),
  /** Annotators who answered this gold item, and their mean score on it (null before any scored answer). */
  answered: z.number().int(),
  meanScore: z.number().nullable(),
});
export type GoldItem = z.infer<typeof goldItemSchema>;
/** Newest marked first, at most `limit` per page; `cursor`: the previous page's nextCursor. */
export const goldItemListQuery = keysetPageQuery(100, 500);
export type GoldItemListQuery = z.infer<typeof goldItemListQuery>;
export const goldItemListResponse = z.object({
  items: z.array(goldItemSchema),
  /** Where the next (older) page starts; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type GoldItemListResponse = z.infer<typeof goldItemListResponse>;

/**
 * Candidates for gold: submitted annotations on items that are not gold, newest first, whose answers can become an
 * item's reference answers. The server pages and searches them (a project of a million items has too many to load):
 * `q` is an item's exact external id, or else words of its prompt.
 */
export const goldCandidateListQuery = keysetPageQuery(20, 100).extend({
  q: z.string().trim().min(1).max(200).optional().describe("an item's exact external id, or text of its prompt"),
});
export type GoldCandidateListQuery = z.infer<typeof goldCandidateListQuery>;
export const goldCandidateSchema = z.object({
  annotationId: z.string().uuid(),
  itemId: z.string().uuid(),
  itemExternalId: z.string(),
  answers: answersSchema,
  submittedAt: z.string(),
});
export type GoldCandidate = z.infer<typeof goldCandidateSchema>;
export const goldCandidateListResponse = z.object({
  candidates: z.array(goldCandidateSchema),
  /** Where the next (older) page starts; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type GoldCandidateListResponse = z.infer<typeof goldCandidateListResponse>;

/** One annotator's standing on the project's gold items (researchers only: annotators never see it). */
export const annotatorGoldAccuracySchema = z.object({
  userId: z.string().uuid(),
  email: z.string(),
  answered: z.number().int(),
  accuracy: z.number().nullable(),
  /** Below the threshold with enough answers, whether or not auto-pause is on. */
  belowThreshold: z.boolean(),
  paused: z.boolean(),
  pausedAt: z.string().nullable(),
  pausedReason: z.string().nullable(),
});
export type AnnotatorGoldAccuracy = z.infer<typeof annotatorGoldAccuracySchema>;

export const goldAccuracyResponse = z.object({
  settings: goldSettingsSchema,
  goldItems: z.number().int(),
  annotators: z.array(annotatorGoldAccuracySchema),
});
export type GoldAccuracyResponse = z.infer<typeof goldAccuracyResponse>;

export const goldSettingsBody = goldSettingsSchema;
export type GoldSettingsBody = z.input<typeof goldSettingsBody>;

/** What marking, unmarking or "use as gold" changed. */
export const goldMarkResponse = z.object({ itemId: z.string().uuid(), gold: z.boolean() });
export type GoldMarkResponse = z.infer<typeof goldMarkResponse>;
export const resumeAnnotatorResponse = z.object({ userId: z.string().uuid(), paused: z.boolean() });
