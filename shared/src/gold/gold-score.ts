import type { Answer, Answers } from '../answers.ts';
import { goldScore } from '../questions/registry.ts';
import type { Question } from '../template.ts';

/**
 * How far an annotator's answer agrees with a gold (reference) answer, in [0, 1]; null when the question is not scored.
 * Each type's score is its module's `goldScore` (shared/src/questions/<type>.ts); the table sums them up.
 *
 * | type           | score                                                                                             |
 * | -------------- | ------------------------------------------------------------------------------------------------- |
 * | ranking        | share of the gold ranking's C(K,2) output pairs the annotator orders the same way (better, worse  |
 * |                | or tied): InstructGPT's pairwise view of a ranking (Ouyang et al. 2022, section 3.5), with a tie  |
 * |                | counted as a third relation that must match. Partial credit, unlike "same top choice": one swap   |
 * |                | of the two worst outputs of four costs 1/6, not everything; a missing pair counts as disagreeing. |
 * | pairwise       | 1 when the verdict matches and, for `preferred`, the same output is preferred; strength and       |
 * |                | safety are ignored (graded strength is too subjective for a control item).                        |
 * | classification | 1 when the selected label set equals the gold set exactly, else 0.                                |
 * | rating         | share of gold outputs rated within +-1 of the gold value.                                         |
 * | attributes     | share of gold (output, attribute) cells within +-1 of the gold value.                             |
 * | flags          | share of (output, flag) yes/no decisions agreeing with gold, over the question's flags.           |
 * | best-of-k      | 1 when the same output is chosen (or both say "none is acceptable"), else 0.                      |
 * | demonstration, | not scored (free text has no single right answer): null.                                          |
 * | rationale      |                                                                                                   |
 */
export function scoreAnswer(question: Question, gold: Answer, answer: Answer | undefined): number | null {
  return goldScore(question, gold, answer);
}

/**
 * An annotation's score on a gold item: the mean of its scored questions' scores. Questions the gold answers leave
 * unanswered are not scored; an unanswered question that gold answers scores 0. Null when nothing is scored (e.g. a
 * demonstration-only template), so such items never count toward accuracy.
 */
export function scoreAnnotation(questions: readonly Question[], gold: Answers, answers: Answers): number | null {
  const scores: number[] = [];
  for (const question of questions) {
    const goldAnswer = gold[question.id];
    if (!goldAnswer) continue;
    const score = scoreAnswer(question, goldAnswer, answers[question.id]);
    if (score !== null) scores.push(score);
  }
  return scores.length === 0 ? null : scores.reduce((sum, s) => sum + s, 0) / scores.length;
}
