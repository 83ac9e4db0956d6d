import type { AgreementEstimateName } from '@feedbench/shared';
import { i18next } from '../../../i18n/i18n.ts';
import { at } from '../agreement.messages.ts';

const fixed = (value: number, digits: number) =>
  new Intl.NumberFormat(i18next.language, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    value,
  );

/** A statistic for display; null (undefined: nothing to compare, one category only) reads "n/a". */
export function formatStatistic(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined ? at('na') : fixed(value, digits);
}

export function formatPercent(value: number): string {
  return new Intl.NumberFormat(i18next.language, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(value);
}

/** A confidence level, "95%". */
export function formatLevel(value: number): string {
  return new Intl.NumberFormat(i18next.language, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

export function formatPValue(p: number): string {
  return p < 0.001 ? `< ${fixed(0.001, 3)}` : fixed(p, 3);
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return at('na');
  if (ms < 60_000) return at('seconds', { value: fixed(ms / 1000, 1) });
  return at('minutes', { value: fixed(ms / 60_000, 1) });
}

export const estimateLabel = (name: AgreementEstimateName): string => at(`estimate_${name}`);
