import type { AgreementEstimate, AgreementEstimateName } from '@feedbench/shared';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { judgesMessages } from '../judges.messages.ts';

export const ESTIMATE_KEYS = {
  'pairwise-agreement': 'estimatePairwiseAgreement',
  'pairwise-alpha': 'estimatePairwiseAlpha',
  'kendall-w': 'estimateKendallW',
  'alpha-ordinal': 'estimateAlphaOrdinal',
  'alpha-interval': 'estimateAlphaInterval',
  'alpha-nominal': 'estimateAlphaNominal',
} as const satisfies Record<AgreementEstimateName, string>;

/** A statistic with its interval, "0.62 [0.51, 0.70]", or "n/a" when undefined. */
export function useStatistic() {
  const t = useMessages(judgesMessages);
  const format = useFormat();
  const value = (v: number | null | undefined) =>
    v === null || v === undefined ? t('notAvailable') : format.decimal(v);
  return (estimate: Pick<AgreementEstimate, 'value' | 'ci'> | undefined) => {
    if (!estimate || estimate.value === null) return t('notAvailable');
    if (!estimate.ci) return value(estimate.value);
    return t('estimateValue', {
      value: value(estimate.value),
      low: value(estimate.ci[0]),
      high: value(estimate.ci[1]),
    });
  };
}
