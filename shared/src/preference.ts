import type { PairwiseAnswer, PreferenceStrength } from './answers.ts';

/**
 * Llama 2's margin m(r) per preference strength, added to the reward model's binary ranking loss
 * -log(sigmoid(r(x, y_c) - r(x, y_r) - m(r))) (Touvron et al. 2023, section 3.2.2, Table 27): "small" and "large"
 * are the two margin sets the paper compares.
 */
export const STRENGTH_MARGINS: Record<'small' | 'large', Record<PreferenceStrength, number>> = {
  small: { 'significantly-better': 1, better: 2 / 3, 'slightly-better': 1 / 3, 'negligibly-better': 0 },
  large: { 'significantly-better': 3, better: 2, 'slightly-better': 1, 'negligibly-better': 0 },
};

export const STRENGTH_LABELS: Record<PreferenceStrength, string> = {
  'significantly-better': 'Significantly better',
  better: 'Better',
  'slightly-better': 'Slightly better',
  'negligibly-better': 'Negligibly better or unsure',
};

export function strengthMargin(strength: PreferenceStrength, scale: 'small' | 'large' = 'small'): number {
  return STRENGTH_MARGINS[scale][strength];
}

/** The chosen/rejected pair of a `preferred` verdict, with its margin when the strength is known; else null. */
export function pairwisePreference(
  answer: PairwiseAnswer,
  outputIds: readonly string[],
  scale: 'small' | 'large' = 'small',
): { chosen: string; rejected: string; margin: number | null } | null {
  if (answer.verdict !== 'preferred' || answer.preferred === undefined) return null;
  const rejected = outputIds.find((id) => id !== answer.preferred);
  if (rejected === undefined) return null;
  return {
    chosen: answer.preferred,
    rejected,
    margin: answer.strength === undefined ? null : strengthMargin(answer.strength, scale),
  };
}

/**
 * The pairwise answer as ranking groups (best first), so ranking tools read pairwise data too: a preference is two
 * groups, a tie or "both bad" one group of two (no pair is induced, see `rankingPairs`).
 */
export function pairwiseGroups(answer: PairwiseAnswer, outputIds: readonly string[]): string[][] {
  const preference = pairwisePreference(answer, outputIds);
  return preference ? [[preference.chosen], [preference.rejected]] : [[...outputIds]];
}

/**
 * Llama 2's safety bins (section 3.2.1): the preferred response is safe and the other is not, both are safe, or
 * both are unsafe. The paper drops the fourth case (chosen unsafe, other safe); we keep it visible so it can be
 * filtered. Null without a preference and two safety labels.
 */
export type SafetyBin = 'preferred-safe-other-unsafe' | 'both-safe' | 'both-unsafe' | 'preferred-unsafe-other-safe';
export function safetyBin(answer: PairwiseAnswer, outputIds: readonly string[]): SafetyBin | null {
  const [a, b] = outputIds;
  if (a === undefined || b === undefined || !answer.safe) return null;
  const safeA = answer.safe[a];
  const safeB = answer.safe[b];
  if (safeA === undefined || safeB === undefined) return null;
  if (safeA && safeB) return 'both-safe';
  if (!safeA && !safeB) return 'both-unsafe';
  const preference = pairwisePreference(answer, outputIds);
  if (!preference) return null;
  return answer.safe[preference.chosen] ? 'preferred-safe-other-unsafe' : 'preferred-unsafe-other-safe';
}
