import { agreementErrors } from './agreement.errors.ts';
import {
  AGREEMENT_METRICS,
  type AgreementMetric,
  type AgreementRecord,
  type KappaWeights,
  type MeasurementLevel,
  type RankingTiePolicy,
} from './agreement-record.ts';
import { type BootstrapInterval, type BootstrapOptions, bootstrapInterval } from './bootstrap-interval.ts';
import { type CohenKappaResult, cohenKappa } from './cohen-kappa.ts';
import { type FleissKappaResult, fleissKappa } from './fleiss-kappa.ts';
import { type KendallTauResult, kendallTau } from './kendall-tau.ts';
import { type KendallWResult, kendallW } from './kendall-w.ts';
import { type KrippendorffAlphaResult, krippendorffAlpha } from './krippendorff-alpha.ts';
import { type PairwiseAgreementResult, pairwiseAgreement } from './pairwise-agreement.ts';

export interface AgreementOptions {
  metric: AgreementMetric;
  /** krippendorff-alpha only; default nominal. */
  level?: MeasurementLevel;
  /** cohen-kappa only; unweighted when absent. */
  weights?: KappaWeights;
  /** kendall-w only; default true. */
  correctTies?: boolean;
  /** pairwise-agreement only; default `judgement`. */
  ties?: RankingTiePolicy;
  /** Adds a percentile bootstrap interval over units (`ci`). */
  bootstrap?: BootstrapOptions;
}

type WithMetric<M extends AgreementMetric, R> = { metric: M } & R & {
    /** Percentile bootstrap interval, present when `bootstrap` was asked for. */
    ci?: [number, number];
    bootstrap?: Omit<BootstrapInterval, 'ci'>;
  };

/** Every result has `metric`, `value` (NaN when undefined), `units` and `annotators`, then the metric's details. */
export type AgreementResult =
  | WithMetric<'krippendorff-alpha', KrippendorffAlphaResult>
  | WithMetric<'fleiss-kappa', FleissKappaResult>
  | WithMetric<'cohen-kappa', CohenKappaResult>
  | WithMetric<'kendall-w', KendallWResult>
  | WithMetric<'kendall-tau', KendallTauResult>
  | WithMetric<'pairwise-agreement', PairwiseAgreementResult>;

/** Which option belongs to which metric: an option given to another metric is a mistake worth reporting. */
const OPTION_OWNERS = {
  level: 'krippendorff-alpha',
  weights: 'cohen-kappa',
  correctTies: 'kendall-w',
  ties: 'pairwise-agreement',
} as const satisfies Partial<Record<keyof AgreementOptions, AgreementMetric>>;

/** One entry point for every metric, by name; see each metric's function for its formula and source. */
export function computeAgreement(records: readonly AgreementRecord[], options: AgreementOptions): AgreementResult {
  if (!(AGREEMENT_METRICS as readonly string[]).includes(options.metric)) {
    throw agreementErrors.invalidOption(
      `unknown metric "${options.metric}"; expected one of ${AGREEMENT_METRICS.join(', ')}`,
    );
  }
  for (const [option, owner] of Object.entries(OPTION_OWNERS)) {
    if (options[option as keyof typeof OPTION_OWNERS] !== undefined && owner !== options.metric) {
      throw agreementErrors.invalidOption(`${option} applies to ${owner} only, not ${options.metric}`);
    }
  }
  const result = computeMetric(records, options);
  if (!options.bootstrap) return result;
  const { ci, ...bootstrap } = bootstrapInterval(
    records,
    (resample) => computeMetric(resample, options).value,
    options.bootstrap,
  );
  return { ...result, ci, bootstrap };
}

function computeMetric(records: readonly AgreementRecord[], options: AgreementOptions): AgreementResult {
  switch (options.metric) {
    case 'krippendorff-alpha':
      return { metric: options.metric, ...krippendorffAlpha(records, { level: options.level }) };
    case 'fleiss-kappa':
      return { metric: options.metric, ...fleissKappa(records) };
    case 'cohen-kappa':
      return { metric: options.metric, ...cohenKappa(records, { weights: options.weights }) };
    case 'kendall-w':
      return { metric: options.metric, ...kendallW(records, { correctTies: options.correctTies }) };
    case 'kendall-tau':
      return { metric: options.metric, ...kendallTau(records) };
    case 'pairwise-agreement':
      return { metric: options.metric, ...pairwiseAgreement(records, { ties: options.ties }) };
  }
}
