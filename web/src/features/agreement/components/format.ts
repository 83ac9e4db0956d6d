import type { AgreementEstimateName } from '@feedbench/shared';

/** A statistic for display; null (undefined: nothing to compare, one category only) reads "n/a". */
export function formatStatistic(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined ? 'n/a' : value.toFixed(digits);
}

export function formatPercent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

export function formatPValue(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return 'n/a';
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

export const ESTIMATE_LABELS: Record<AgreementEstimateName, string> = {
  'pairwise-agreement': 'Pairwise agreement',
  'pairwise-alpha': "Pairwise Krippendorff's α",
  'kendall-w': "Kendall's W",
  'alpha-ordinal': "Krippendorff's α (ordinal)",
  'alpha-interval': "Krippendorff's α (interval)",
  'alpha-nominal': "Krippendorff's α (nominal)",
};
