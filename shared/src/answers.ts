import { z } from 'zod';
import type { AnswerProblem } from './questions/base.ts';
import { answerProblems } from './questions/registry.ts';
import { type AnswerOf, answerSchema, type Question } from './questions/unions.ts';

/**
 * What an annotation stores: `answers` maps each question id to one answer whose `type` is the question's type.
 * Output ids are the item's output ids (never display labels); the display order the annotator saw is stored beside
 * the answers. Each shape is its type's `answerSchema` (shared/src/questions/<type>.ts). The contract exports and
 * analytics read:
 *
 * | type           | shape                                                                                          |
 * | -------------- | ---------------------------------------------------------------------------------------------- |
 * | demonstration  | `{ text, sourceOutputId?, nextUserTurn? }`: the assistant reply; for `rewrite` the output it   |
 * |                | rewrites; for `continue` the user's next message when asked                                    |
 * | ranking        | `{ groups: string[][], allBad? }`: output ids best group first, a group of 2+ is a tie        |
 * | pairwise       | `{ verdict: 'preferred'\|'tie'\|'both-bad', preferred?, strength?, safe? }` (see preference.ts) |
 * | rating         | `{ values: { [outputId]: number } }`                                                           |
 * | attributes     | `{ values: { [outputId]: { [attributeId]: number } } }`                                        |
 * | flags          | `{ values: { [outputId]: flagId[] } }`: the flags that apply (yes); any other flag is "no"     |
 * | rationale      | `{ text }`                                                                                     |
 * | classification | `{ selected: optionId[] }`: exactly one unless the question allows several                    |
 * | best-of-k      | `{ choice: outputId \| null }`: the single best output; null = "none is acceptable"           |
 */

export { attributesAnswerSchema } from './questions/attributes.ts';
export type { AnswerProblem } from './questions/base.ts';
export { bestOfKAnswerSchema } from './questions/best-of-k.ts';
export { classificationAnswerSchema } from './questions/classification.ts';
export { demonstrationAnswerSchema } from './questions/demonstration.ts';
export { flagsAnswerSchema } from './questions/flags.ts';
export {
  PAIRWISE_VERDICTS,
  type PairwiseVerdict,
  PREFERENCE_STRENGTHS,
  type PreferenceStrength,
  pairwiseAnswerSchema,
} from './questions/pairwise.ts';
export { rankingAnswerSchema, rankingPairs } from './questions/ranking.ts';
export { ratingAnswerSchema } from './questions/rating.ts';
export { rationaleAnswerSchema } from './questions/rationale.ts';

export { type Answer, type AnswerOf, answerSchema } from './questions/unions.ts';
export type RankingAnswer = AnswerOf<'ranking'>;
export type PairwiseAnswer = AnswerOf<'pairwise'>;

export const answersSchema = z.record(z.string(), answerSchema);
export type Answers = z.infer<typeof answersSchema>;

/**
 * Checks a set of answers against the template and the item's outputs. Shared so the annotator page can explain
 * what is missing before submit with exactly the rules the server enforces.
 */
export function checkAnswers(questions: Question[], outputIds: string[], answers: Answers): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const known = new Set(questions.map((q) => q.id));
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) problems.push({ path: [key], message: `no question "${key}" in this template` });
  }
  for (const question of questions) {
    const answer = answers[question.id];
    if (!answer) {
      if (question.required) problems.push({ path: [question.id], message: `"${question.label}" is required` });
      continue;
    }
    problems.push(
      ...answerProblems(question, answer, outputIds).map((p) => ({ ...p, path: [question.id, ...p.path] })),
    );
  }
  return problems;
}
