import { PREFERENCE_STRENGTHS, type PreferenceStrength, type QuestionOf, type TaskOutput } from '@feedbench/shared';
import type { PairwiseChoice } from '../edit-state.ts';

export interface PairwiseOption {
  /** Stable within a task, used as the radio value. */
  key: string;
  label: string;
  choice: PairwiseChoice;
}

const STRENGTH_WORDS: Record<PreferenceStrength, string> = {
  'significantly-better': 'significantly better',
  better: 'better',
  'slightly-better': 'slightly better',
  'negligibly-better': 'negligibly better or unsure',
};

/**
 * One scale for choice and strength, so a single key answers both: from "A significantly better" through the two
 * "negligibly better or unsure" points in the middle to "B significantly better" (Llama 2's four strengths on each
 * side), then "Tie" and "Both are bad" where allowed. Without strengths: "A is better", "B is better".
 */
export function pairwiseOptions(question: QuestionOf<'pairwise'>, outputs: TaskOutput[]): PairwiseOption[] {
  const [a, b] = outputs;
  if (!a || !b) return [];
  const options: PairwiseOption[] = [];
  const side = (output: TaskOutput, strengths: readonly PreferenceStrength[]) => {
    if (!question.askStrength) {
      options.push({
        key: `${output.label}`,
        label: `${output.label} is better`,
        choice: { verdict: 'preferred', preferred: output.id },
      });
      return;
    }
    for (const strength of strengths) {
      options.push({
        key: `${output.label}:${strength}`,
        label: `${output.label} ${STRENGTH_WORDS[strength]}`,
        choice: { verdict: 'preferred', preferred: output.id, strength },
      });
    }
  };
  side(a, PREFERENCE_STRENGTHS);
  side(b, [...PREFERENCE_STRENGTHS].reverse());
  if (question.allowTie) options.push({ key: 'tie', label: 'Tie: equally good', choice: { verdict: 'tie' } });
  if (question.allowBothBad) options.push({ key: 'both-bad', label: 'Both are bad', choice: { verdict: 'both-bad' } });
  return options;
}

export function optionKeyOf(choice: PairwiseChoice | undefined, options: PairwiseOption[]): string | undefined {
  if (!choice) return undefined;
  return options.find(
    (o) =>
      o.choice.verdict === choice.verdict &&
      o.choice.preferred === choice.preferred &&
      o.choice.strength === choice.strength,
  )?.key;
}

export { optionIndexFromKey } from '../controls/option-keys.ts';
