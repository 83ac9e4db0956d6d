import { z } from 'zod';
import { projectProgressSchema } from './projects.ts';

/**
 * `GET /api/projects/:projectId/agreement`: the researcher dashboard's agreement and annotation-quality report.
 * Formulas and policies: shared/src/agreement/README.md. Every statistic that can be undefined (nothing to measure,
 * one category only) is `null`, never NaN, 0 or 1.
 */

/**
 * The estimates the report gives per question:
 * - ranking questions: `pairwise-agreement` (InstructGPT's share of output pairs two annotators order alike, ties a
 *   judgement), `pairwise-alpha` (its chance-corrected nominal Krippendorff's alpha over (item, output pair) units)
 *   and `kendall-w` (Kendall's W among an item's annotators, tie-corrected, averaged over items);
 * - rating questions: Krippendorff's alpha over (item, output) units, `alpha-ordinal` and `alpha-interval`.
 */
export const AGREEMENT_ESTIMATES = [
  'pairwise-agreement',
  'pairwise-alpha',
  'kendall-w',
  'alpha-ordinal',
  'alpha-interval',
] as const;
export type AgreementEstimateName = (typeof AGREEMENT_ESTIMATES)[number];

/** Question types agreement is computed for (demonstrations are free text: no agreement). */
export const AGREEMENT_QUESTION_TYPES = ['ranking', 'rating'] as const;

/** A statistic, or null when it is undefined. */
const statistic = z.number().nullable();

export const agreementEstimateSchema = z.object({
  estimate: z.enum(AGREEMENT_ESTIMATES),
  value: statistic,
  /** Percentile bootstrap interval resampling items; null when the estimate is undefined. */
  ci: z.tuple([statistic, statistic]).nullable(),
  /** Items that contribute (two or more annotators with something to compare). */
  items: z.number().int(),
});
export type AgreementEstimate = z.infer<typeof agreementEstimateSchema>;

/** One day (UTC) of the agreement-over-time series. */
export const agreementDaySchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Answers to this question submitted that day. */
  annotations: z.number().int(),
  /** Items whose latest answer was submitted that day: the estimates of the day are computed over these items. */
  items: z.number().int(),
  estimates: z.array(z.object({ estimate: z.enum(AGREEMENT_ESTIMATES), value: statistic })),
});

/** An item with low agreement, for drilling down to its annotations. */
export const agreementItemSchema = z.object({
  itemId: z.string().uuid(),
  externalId: z.string(),
  annotators: z.number().int(),
  /** Ranking: the item's pairwise agreement (low is bad). Rating: mean |difference| between annotators (high is bad). */
  value: z.number(),
});

const questionBase = {
  questionId: z.string(),
  label: z.string(),
  /** Submitted answers to this question. */
  annotations: z.number().int(),
  /** Items with at least one answer. */
  items: z.number().int(),
  annotators: z.number().int(),
  estimates: z.array(agreementEstimateSchema),
  overTime: z.array(agreementDaySchema),
  /** Up to 10 items, least agreement first. */
  lowAgreementItems: z.array(agreementItemSchema),
};

export const positionBiasSchema = z.object({
  /** One group per number of outputs shown (K), ascending. */
  groups: z.array(
    z.object({
      outputs: z.number().int(),
      trials: z.number().int(),
      /** How often the output shown first was ranked best. */
      firstShownWins: z.number().int(),
      rate: z.number(),
      /** 1/K. */
      chance: z.number(),
      /** Exact two-sided binomial test of rate = chance. */
      pValue: z.number(),
    }),
  ),
  /** Rankings with several outputs tied for best (no single winner), left out of the groups. */
  tiedTop: z.number().int(),
});

export const rankingQuestionAgreementSchema = z.object({
  ...questionBase,
  type: z.literal('ranking'),
  positionBias: positionBiasSchema,
  /** Rankings with at least one tie. */
  rankingsWithTies: z.number().int(),
});

export const ratingQuestionAgreementSchema = z.object({
  ...questionBase,
  type: z.literal('rating'),
  min: z.number().int(),
  max: z.number().int(),
  /** How often each value of the scale was given (every value from min to max, zeros included). */
  distribution: z.array(z.object({ value: z.number(), count: z.number().int() })),
  mean: statistic,
});

export const questionAgreementSchema = z.discriminatedUnion('type', [
  rankingQuestionAgreementSchema,
  ratingQuestionAgreementSchema,
]);
export type QuestionAgreement = z.infer<typeof questionAgreementSchema>;

/** An annotator's agreement with the leave-one-out consensus of the others on one question. */
export const annotatorQuestionQualitySchema = z.object({
  questionId: z.string(),
  /** Units shared with at least one other annotator ((item, output pair) for rankings, (item, output) for ratings). */
  units: z.number().int(),
  /** Ranking: share of pairs where they gave the others' majority judgement. Rating: Pearson r with the others' mean. */
  score: statistic,
  /** Rating only: mean |value - others' mean|, in scale points. */
  meanAbsoluteDeviation: statistic.optional(),
  /** (score - mean of the other annotators' scores) / their SD. */
  z: statistic,
  /** z below -2. */
  outlier: z.boolean(),
});

export const annotatorAgreementSchema = z.object({
  userId: z.string().uuid(),
  /** Null for an account no longer a member of the project. */
  email: z.string().nullable(),
  annotations: z.number().int(),
  medianTimeOnTaskMs: z.number().nullable(),
  lastSubmittedAt: z.string(),
  questions: z.array(annotatorQuestionQualitySchema),
  /** An outlier on any question. */
  outlier: z.boolean(),
});
export type AnnotatorAgreement = z.infer<typeof annotatorAgreementSchema>;

export const agreementReportSchema = z.object({
  projectId: z.string().uuid(),
  generatedAt: z.string(),
  progress: projectProgressSchema.extend({ overlapTarget: z.number().int() }),
  bootstrap: z.object({ replicates: z.number().int(), seed: z.number().int(), confidence: z.number() }),
  /** Ranking and rating questions of the template, in template order. */
  questions: z.array(questionAgreementSchema),
  /** Everyone who submitted an annotation, most annotations first. */
  annotators: z.array(annotatorAgreementSchema),
});
export type AgreementReport = z.infer<typeof agreementReportSchema>;
