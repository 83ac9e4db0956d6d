import { z } from 'zod';
import { answersSchema } from '../answers.ts';
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
 * - rating questions: Krippendorff's alpha over (item, output) units, `alpha-ordinal` and `alpha-interval`;
 * - best-of-k questions: `alpha-nominal`, Krippendorff's alpha over items, each pick (an output or "none") a nominal
 *   category (Krippendorff 2011, nominal delta).
 */
export const AGREEMENT_ESTIMATES = [
  'pairwise-agreement',
  'pairwise-alpha',
  'kendall-w',
  'alpha-ordinal',
  'alpha-interval',
  'alpha-nominal',
] as const;
export type AgreementEstimateName = (typeof AGREEMENT_ESTIMATES)[number];

/**
 * Question types agreement is computed for (demonstrations are free text: no agreement). A Llama 2 pairwise verdict
 * counts as a ranking of its two outputs (a tie or "both bad" as a tie), so it gets the ranking estimates and
 * position bias.
 */
export const AGREEMENT_QUESTION_TYPES = ['ranking', 'pairwise', 'rating', 'best-of-k'] as const;

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

/**
 * One batch of the agreement-over-batches series, built like the days: each item belongs to one batch and the
 * batch's estimates are computed over its items alone.
 * - `import`: the items of one import (one file, one transaction);
 * - `submission`: consecutive runs of `batchSize` items in the order their latest answer was submitted.
 */
export const AGREEMENT_BATCH_KINDS = ['import', 'submission'] as const;
export type AgreementBatchKind = (typeof AGREEMENT_BATCH_KINDS)[number];

export const agreementBatchSchema = z.object({
  /** 1-based, in time order. */
  index: z.number().int(),
  /** Import: when the import ran. Submission: the first and last latest-answer times of the batch's items. */
  from: z.string(),
  to: z.string(),
  items: z.number().int(),
  /** Answers to this question on the batch's items. */
  annotations: z.number().int(),
  estimates: z.array(z.object({ estimate: z.enum(AGREEMENT_ESTIMATES), value: statistic })),
});
export type AgreementBatch = z.infer<typeof agreementBatchSchema>;

/** `GET /api/projects/:projectId/agreement?batchSize=N`: the submission batches' size (default 50 items). */
export const agreementQuery = z.object({
  batchSize: z.coerce.number().int().min(2).max(100_000).default(50),
});

/** An item with low agreement, for drilling down to its annotations. */
export const agreementItemSchema = z.object({
  itemId: z.string().uuid(),
  externalId: z.string(),
  annotators: z.number().int(),
  /**
   * Ranking: the item's pairwise agreement (low is bad). Rating: mean |difference| between annotators (high is bad).
   * Best-of-K: the share of annotator pairs who picked alike (low is bad).
   */
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
  /** The same estimates by import batch and by fixed-size batches of submission order. */
  overBatches: z.object({
    import: z.array(agreementBatchSchema),
    submission: z.array(agreementBatchSchema),
    batchSize: z.number().int(),
  }),
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

/** A pairwise question's report: the ranking report of its verdicts read as two-output rankings. */
export const pairwiseQuestionAgreementSchema = rankingQuestionAgreementSchema.extend({ type: z.literal('pairwise') });

export const ratingQuestionAgreementSchema = z.object({
  ...questionBase,
  type: z.literal('rating'),
  min: z.number().int(),
  max: z.number().int(),
  /** How often each value of the scale was given (every value from min to max, zeros included). */
  distribution: z.array(z.object({ value: z.number(), count: z.number().int() })),
  mean: statistic,
});

/** A best-of-K question's report: nominal alpha over the picks, position bias of the pick, and "none" answers. */
export const bestOfKQuestionAgreementSchema = z.object({
  ...questionBase,
  type: z.literal('best-of-k'),
  /** How often the output shown first was picked (a "none" answer counts in `tiedTop`, as no single winner). */
  positionBias: positionBiasSchema,
  /** Answers that found no output acceptable. */
  noneChosen: z.number().int(),
});

export const questionAgreementSchema = z.discriminatedUnion('type', [
  rankingQuestionAgreementSchema,
  pairwiseQuestionAgreementSchema,
  ratingQuestionAgreementSchema,
  bestOfKQuestionAgreementSchema,
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

/** An annotator's standing on gold items (the gold module's accuracyByAnnotator); null before any gold answer. */
export const annotatorGoldSchema = z.object({
  answered: z.number().int(),
  accuracy: statistic,
  /** Below the project's gold bar with enough answers to judge. */
  belowThreshold: z.boolean(),
  paused: z.boolean(),
});
export type AnnotatorGold = z.infer<typeof annotatorGoldSchema>;

export const annotatorAgreementSchema = z.object({
  userId: z.string().uuid(),
  /** Null for an account no longer a member of the project. */
  email: z.string().nullable(),
  annotations: z.number().int(),
  medianTimeOnTaskMs: z.number().nullable(),
  gold: annotatorGoldSchema.nullable(),
  lastSubmittedAt: z.string(),
  questions: z.array(annotatorQuestionQualitySchema),
  /** An outlier on any question, or below the gold bar. */
  outlier: z.boolean(),
  /**
   * Set on a model judge's row (then `userId` is the judge's id): its answers scored against the human annotators
   * like one more annotator, never counted in the humans' own figures (server/src/modules/judges).
   */
  judgeName: z.string().optional(),
});
export type AnnotatorAgreement = z.infer<typeof annotatorAgreementSchema>;

/**
 * How often each label of a flags or classification question was given (the dashboard's label distributions):
 * flags per judged output, classification options per annotation.
 */
/** Question types whose answers are counted as label distributions (their module's `labels`). */
export const LABEL_QUESTION_TYPES = ['flags', 'classification'] as const;
export type LabelQuestionType = (typeof LABEL_QUESTION_TYPES)[number];

export const labelDistributionSchema = z.object({
  questionId: z.string(),
  label: z.string(),
  type: z.enum(LABEL_QUESTION_TYPES),
  /** Outputs judged (flags) or annotations (classification): what each count is out of. */
  judged: z.number().int(),
  labels: z.array(z.object({ id: z.string(), label: z.string(), count: z.number().int() })),
});
export type LabelDistribution = z.infer<typeof labelDistributionSchema>;

export const agreementReportSchema = z.object({
  projectId: z.string().uuid(),
  generatedAt: z.string(),
  progress: projectProgressSchema.extend({ overlapTarget: z.number().int() }),
  bootstrap: z.object({ replicates: z.number().int(), seed: z.number().int(), confidence: z.number() }),
  /** Ranking, pairwise and rating questions of the template, in template order. */
  questions: z.array(questionAgreementSchema),
  /** Flags and classification questions of the template, in template order. */
  labelDistributions: z.array(labelDistributionSchema),
  /** Everyone who submitted an annotation, most annotations first. */
  annotators: z.array(annotatorAgreementSchema),
});
export type AgreementReport = z.infer<typeof agreementReportSchema>;

/**
 * `GET /api/projects/:projectId/agreement/annotations?annotatorId=|itemId=`: the drill-down from an annotator row or a
 * low-agreement item to its annotations, newest first, with the answers as stored and outputs named by their ids.
 */
export const agreementAnnotationsQuery = z
  .object({
    annotatorId: z.string().uuid().optional(),
    itemId: z.string().uuid().optional(),
  })
  .superRefine((query, ctx) => {
    if ((query.annotatorId === undefined) === (query.itemId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['annotatorId'], message: 'give exactly one of annotatorId or itemId' });
    }
  });
export type AgreementAnnotationsQuery = z.infer<typeof agreementAnnotationsQuery>;

/** At most this many annotations per drill-down (newest first); `truncated` says when there were more. */
export const DRILL_DOWN_LIMIT = 500;

export const drillDownAnnotationSchema = z.object({
  id: z.string().uuid(),
  itemId: z.string().uuid(),
  itemExternalId: z.string(),
  annotatorId: z.string().uuid(),
  /** Null for an account no longer a member. */
  annotatorEmail: z.string().nullable(),
  answers: answersSchema,
  /** Output ids, first shown first (labels A, B, C... follow this order). */
  displayOrder: z.array(z.string()),
  timeOnTaskMs: z.number().int().nullable(),
  submittedAt: z.string(),
});
export type DrillDownAnnotation = z.infer<typeof drillDownAnnotationSchema>;

export const agreementAnnotationsResponse = z.object({
  annotations: z.array(drillDownAnnotationSchema),
  truncated: z.boolean(),
});
export type AgreementAnnotationsResponse = z.infer<typeof agreementAnnotationsResponse>;
