import type { GoldSettings } from '../template.ts';

/** An annotator's standing on gold items: how many scored gold answers, and their mean score (null before any). */
export interface GoldAccuracy {
  answered: number;
  accuracy: number | null;
}

/** Accuracy = the mean score over the annotator's scored gold answers (unscored ones, null, are left out). */
export function goldAccuracy(scores: readonly (number | null)[]): GoldAccuracy {
  const scored = scores.filter((s): s is number => s !== null);
  if (scored.length === 0) return { answered: 0, accuracy: null };
  return { answered: scored.length, accuracy: scored.reduce((sum, s) => sum + s, 0) / scored.length };
}

/**
 * Whether the annotator falls below the project's bar: enough gold answers to trust the figure (`minAnswers`) and an
 * accuracy strictly below `minAccuracy` (an annotator exactly at the threshold passes).
 */
export function belowGoldThreshold(settings: Pick<GoldSettings, 'minAccuracy' | 'minAnswers'>, standing: GoldAccuracy) {
  // The epsilon keeps a mean that equals the threshold on paper (e.g. 7/10 of partial scores) from failing by rounding.
  return (
    standing.accuracy !== null &&
    standing.answered >= settings.minAnswers &&
    standing.accuracy < settings.minAccuracy - 1e-9
  );
}

/** Auto-pause applies the threshold only when the project turned it on. */
export function shouldAutoPause(settings: GoldSettings, standing: GoldAccuracy): boolean {
  return settings.autoPause && belowGoldThreshold(settings, standing);
}

/** The reason stored with the pause and shown to the annotator (figures rounded for people). */
export function goldPauseReason(settings: Pick<GoldSettings, 'minAccuracy'>, standing: GoldAccuracy): string {
  const percent = (x: number) => `${Math.round(x * 100)}%`;
  return `Your accuracy on control items is ${percent(standing.accuracy ?? 0)} over ${standing.answered} answers, below the project's ${percent(settings.minAccuracy)}. A researcher will review your work and resume you.`;
}
