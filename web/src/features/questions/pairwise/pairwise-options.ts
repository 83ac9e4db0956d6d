import { PREFERENCE_STRENGTHS, type PreferenceStrength, type QuestionOf, type TaskOutput } from '@feedbench/shared';
import type { PairwiseChoice } from '../edit-state.ts';
import { qt } from '../questions.messages.ts';

export interface PairwiseOption {
  /** Stable within a task, used as the radio value. */
  key: string;
  label: string;
  choice: PairwiseChoice;
}

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
        label: qt('isBetter', { label: output.label }),
        choice: { verdict: 'preferred', preferred: output.id },
      });
      return;
    }
    for (const strength of strengths) {
      options.push({
        key: `${output.label}:${strength}`,
        label: qt('optionStrength', { label: output.label, strength: qt(`strength_${strength}`) }),
        choice: { verdict: 'preferred', preferred: output.id, strength },
      });
    }
  };
  side(a, PREFERENCE_STRENGTHS);
  side(b, [...PREFERENCE_STRENGTHS].reverse());
  if (question.allowTie) options.push({ key: 'tie', label: qt('tieEquallyGood'), choice: { verdict: 'tie' } });
  if (question.allowBothBad)
    options.push({ key: 'both-bad', label: qt('bothAreBad'), choice: { verdict: 'both-bad' } });
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
