import type { PairwiseAnswer, PreferenceStrength } from './answers.ts';
import { pairwisePreference } from './questions/pairwise.ts';

/** Llama 2's margins and a pairwise answer's preference live with the pairwise module, which uses them. */
export { pairwiseGroups, pairwisePreference, STRENGTH_MARGINS, strengthMargin } from './questions/pairwise.ts';

export const STRENGTH_LABELS: Record<PreferenceStrength, string> = {
  'significantly-better': 'Significantly better',
  better: 'Better',
  'slightly-better': 'Slightly better',
  'negligibly-better': 'Negligibly better or unsure',
};

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
