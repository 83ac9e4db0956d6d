import { z } from 'zod';
import { answersSchema } from '../answers.ts';
import { agreementEstimateSchema, positionBiasSchema } from './agreement.ts';
import { jobItemsFields, judgeJobSchema, oneItemList } from './judge-jobs.ts';

export * from './judge-jobs.ts';
export * from './reward-scores.ts';

/**
 * Model judges (server/src/modules/judges): a model connection that answers the project's own template, judging
 * jobs, calibration against the human annotators, and the judge's answer shown to annotators as a suggestion.
 */

/** off: annotators never see the judge; on: always, as a pre-filled suggestion; experiment: a seeded half of them. */
export const SUGGESTION_MODES = ['off', 'on', 'experiment'] as const;
export type SuggestionMode = (typeof SUGGESTION_MODES)[number];
/** The experiment's arm of one assignment (item x annotator): shown the suggestion or not. */
export const SUGGESTION_ARMS = ['shown', 'hidden'] as const;
export type SuggestionArm = (typeof SUGGESTION_ARMS)[number];

/** Sampling parameters the judge sends (the connection's defaults fill the rest). */
export const judgeParamsSchema = z
  .object({
    temperature: z.number().min(0).max(2).optional(),
    topP: z.number().gt(0).max(1).optional(),
    maxTokens: z.number().int().min(1).max(32_000).optional(),
    seed: z.number().int().optional(),
  })
  .strict();
export type JudgeParams = z.infer<typeof judgeParamsSchema>;

export const createJudgeBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    connectionId: z.string().uuid(),
    params: judgeParamsSchema.default({}),
    /** Added to the guidelines in the judge's prompt (the project's guidelines always come first). */
    instructions: z.string().max(20_000).default(''),
  })
  .strict();
export type CreateJudgeBody = z.input<typeof createJudgeBody>;

export const judgeSchema = z.object({
  id: z.string().uuid(),
  projectId: z.string().uuid(),
  name: z.string(),
  connectionId: z.string().uuid(),
  params: judgeParamsSchema,
  instructions: z.string(),
  /** Items this judge has a valid answer for. */
  answered: z.number().int(),
  createdAt: z.string(),
});
export type Judge = z.infer<typeof judgeSchema>;
/** The model connections a judge of the project may use. */
export const judgeConnectionListResponse = z.object({
  connections: z.array(z.object({ id: z.string().uuid(), name: z.string(), model: z.string() })),
});
export const judgeListResponse = z.object({ judges: z.array(judgeSchema) });
export const judgeParams = z.object({ projectId: z.string().uuid(), judgeId: z.string().uuid() });

export const createJudgeJobBody = z
  .object({
    judgeIds: z.array(z.string().uuid()).min(1).max(10),
    ...jobItemsFields,
    /** Calls in flight at once, over all the job's judges. */
    concurrency: z.number().int().min(1).max(32).default(4),
    /** Calls per item and judge before it is reported failed (an invalid answer or a failed call each count one). */
    maxAttempts: z.number().int().min(1).max(10).default(3),
    /** Items a judge already answered are skipped unless this is set (then they are answered again). */
    redo: z.boolean().default(false),
  })
  .strict()
  .refine(...oneItemList);
export type CreateJudgeJobBody = z.input<typeof createJudgeJobBody>;

export const judgeJobListResponse = z.object({ jobs: z.array(judgeJobSchema) });
export const judgeJobParams = z.object({ projectId: z.string().uuid(), jobId: z.string().uuid() });

export const judgeFailureSchema = z.object({
  itemId: z.string().uuid(),
  itemExternalId: z.string(),
  judgeId: z.string().uuid(),
  attempts: z.number().int(),
  /** The last attempt's reason: a failed call, a reply that was not JSON, or the answer checks' problems. */
  error: z.string(),
});
export const judgeFailureListResponse = z.object({ failures: z.array(judgeFailureSchema) });

/** The project's suggestion setting; `seed` fixes the experiment's arms (same seed, same arms). */
export const suggestionSettingsSchema = z.object({
  mode: z.enum(SUGGESTION_MODES),
  judgeId: z.string().uuid().nullable(),
  seed: z.number().int(),
});
export type SuggestionSettings = z.infer<typeof suggestionSettingsSchema>;
export const updateSuggestionSettingsBody = z
  .object({
    mode: z.enum(SUGGESTION_MODES),
    /** Required unless the mode is off. */
    judgeId: z.string().uuid().nullable().optional(),
    seed: z.number().int().min(0).max(2_147_483_647).optional(),
  })
  .strict()
  .refine((body) => body.mode === 'off' || typeof body.judgeId === 'string', {
    message: 'choose the judge whose answers are suggested',
    path: ['judgeId'],
  });
export type UpdateSuggestionSettingsBody = z.input<typeof updateSuggestionSettingsBody>;

/** What an annotator's task carries when the judge's answer is suggested (in the annotator's blind output ids). */
export const taskSuggestionSchema = z.object({
  judgeName: z.string(),
  answers: answersSchema,
});
export type TaskSuggestion = z.infer<typeof taskSuggestionSchema>;

/** One question's estimates among the humans, and between the judge and each human (the same estimates). */
export const calibrationQuestionSchema = z.object({
  questionId: z.string(),
  label: z.string(),
  /** Null: all items; else the items whose metadata `category` has this value. */
  category: z.string().nullable(),
  /** Items with both a judge answer and a human answer. */
  items: z.number().int(),
  humans: z.array(agreementEstimateSchema),
  /**
   * The same estimates between the judge and each human: each (item, human) pair is one unit, so an estimate's own
   * `items` counts pairs (an item answered by two humans counts twice), while `items` above counts items.
   */
  judgeVsHumans: z.array(agreementEstimateSchema),
  /** How often the judge put the output shown first on top (ordering and best-of-K questions; null otherwise). */
  judgePositionBias: positionBiasSchema.nullable(),
});
export const calibrationReportSchema = z.object({
  projectId: z.string().uuid(),
  /** The metadata key the per-category rows are grouped by (null: none asked). */
  categoryKey: z.string().nullable(),
  judges: z.array(
    z.object({ judgeId: z.string().uuid(), name: z.string(), questions: z.array(calibrationQuestionSchema) }),
  ),
});
export type CalibrationReport = z.infer<typeof calibrationReportSchema>;
export const calibrationQuery = z.object({ category: z.string().min(1).max(100).optional() }).strict();

const armSchema = z.object({
  /** Annotations of the arm with a judge answer to compare. */
  annotations: z.number().int(),
  /** Mean agreement with the judge's answer (its gold score, 0..1). */
  agreement: z.number().nullable(),
  ci: z.tuple([z.number().nullable(), z.number().nullable()]).nullable(),
});
export const anchoringReportSchema = z.object({
  projectId: z.string().uuid(),
  mode: z.enum(SUGGESTION_MODES),
  judgeId: z.string().uuid().nullable(),
  questions: z.array(
    z.object({
      questionId: z.string(),
      label: z.string(),
      shown: armSchema,
      hidden: armSchema,
      /** shown - hidden: the anchoring effect, with its percentile bootstrap interval. */
      difference: z.number().nullable(),
      ci: z.tuple([z.number().nullable(), z.number().nullable()]).nullable(),
    }),
  ),
});
export type AnchoringReport = z.infer<typeof anchoringReportSchema>;

/** A judge's stored answers (real output ids): judge answers leave the server only here, never in human exports. */
export const judgeAnswerListResponse = z.object({
  answers: z.array(
    z.object({
      itemId: z.string().uuid(),
      answers: answersSchema,
      /** The order the outputs were shown to the judge (as A, B, ...). */
      displayOrder: z.array(z.string()),
      model: z.string(),
      latencyMs: z.number().int(),
      answeredAt: z.string(),
    }),
  ),
});

/**
 * `GET /api/projects/:projectId/judges/:judgeId/disagreements`: the items where the judge's answer differs from the
 * human annotators' (the agreement dashboard's drill-down from a judge's row), most disagreeing first, each with the
 * judge's answer and every human answer as shown to them (display order), in real output ids.
 */
export const judgeDisagreementItemSchema = z.object({
  itemId: z.string().uuid(),
  itemExternalId: z.string(),
  /** Mean disagreement of the judge with each human over the template's comparable questions, in (0, 1]. */
  disagreement: z.number(),
  judge: z.object({ answers: answersSchema, displayOrder: z.array(z.string()), answeredAt: z.string() }),
  humans: z.array(
    z.object({
      annotatorId: z.string().uuid(),
      /** Null for an account no longer a member. */
      annotatorEmail: z.string().nullable(),
      answers: answersSchema,
      displayOrder: z.array(z.string()),
      submittedAt: z.string(),
    }),
  ),
});
export type JudgeDisagreementItem = z.infer<typeof judgeDisagreementItemSchema>;
export const judgeDisagreementsResponse = z.object({
  judge: z.object({ id: z.string().uuid(), name: z.string() }),
  items: z.array(judgeDisagreementItemSchema),
  /** More items disagree than the list holds (the most disagreeing are kept). */
  truncated: z.boolean(),
});
export type JudgeDisagreementsResponse = z.infer<typeof judgeDisagreementsResponse>;
