import { z } from 'zod';

/** Metric names the dispatcher, the CLI and (later) the API accept. */
export const AGREEMENT_METRICS = [
  'krippendorff-alpha',
  'fleiss-kappa',
  'cohen-kappa',
  'kendall-w',
  'kendall-tau',
  'pairwise-agreement',
] as const;
export type AgreementMetric = (typeof AGREEMENT_METRICS)[number];

/** Krippendorff's levels of measurement; each picks a difference function delta^2 (Krippendorff 2011). */
export const MEASUREMENT_LEVELS = ['nominal', 'ordinal', 'interval', 'ratio'] as const;
export type MeasurementLevel = (typeof MEASUREMENT_LEVELS)[number];

/** Weighted Cohen's kappa: disagreement weights on category positions, as scikit-learn's cohen_kappa_score. */
export const KAPPA_WEIGHTS = ['linear', 'quadratic'] as const;
export type KappaWeights = (typeof KAPPA_WEIGHTS)[number];

/**
 * How a tie in a ranking counts when two annotators' orderings of one pair of outputs are compared:
 * - `judgement`: "these two are equally good" is a third answer; tie vs tie agrees, tie vs a strict order does not.
 * - `skip`: a pair that either annotator tied is left out of the comparison (only strict orders are compared).
 */
export const RANKING_TIE_POLICIES = ['judgement', 'skip'] as const;
export type RankingTiePolicy = (typeof RANKING_TIE_POLICIES)[number];

/** Output ids, best first; a nested array is a group of tied outputs (the shape of a ranking answer's groups). */
export type RankingValue = (string | string[])[];
export type AgreementValue = number | string | RankingValue;

/** One judgement in long format: annotator `annotator` gave `value` to unit `unit` (an item, or a ranked object). */
export interface AgreementRecord {
  unit: string;
  annotator: string;
  value: AgreementValue;
}

const outputId = z.string().min(1, 'output ids must not be empty');

export const rankingValueSchema = z
  .array(z.union([outputId, z.array(outputId).min(1, 'a tied group needs at least one output id')]))
  .min(1, 'a ranking needs at least one output id')
  .refine((ranking) => new Set(ranking.flat()).size === ranking.flat().length, 'an output is ranked twice');

/** One line of an agreement file (CLI) or one element of an agreement request: the contract for `AgreementRecord`. */
export const agreementRecordSchema = z.object({
  unit: z.string({ error: 'expected a string' }).min(1, 'must not be empty'),
  annotator: z.string({ error: 'expected a string' }).min(1, 'must not be empty'),
  value: z.union([z.number(), z.string(), rankingValueSchema], { error: 'expected number, string or ranking' }),
});
