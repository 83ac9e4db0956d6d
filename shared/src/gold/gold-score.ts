import { pairRelations } from '../agreement/ranking-relations.ts';
import type { Answer, Answers } from '../answers.ts';
import type { Question } from '../template.ts';

/**
 * How far an annotator's answer agrees with a gold (reference) answer, in [0, 1]; null when the question is not scored.
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
 * | demonstration, | not scored (free text has no single right answer): null.                                          |
 * | rationale      |                                                                                                   |
 */
export function scoreAnswer(question: Question, gold: Answer, answer: Answer | undefined): number | null {
  if (question.type === 'demonstration' || question.type === 'rationale') return null;
  if (gold.type !== question.type) return null;
  if (!answer || answer.type !== gold.type) return 0;
  switch (gold.type) {
    case 'ranking':
      return answer.type === 'ranking' ? rankingScore(gold.groups, answer.groups) : 0;
    case 'pairwise':
      if (answer.type !== 'pairwise' || answer.verdict !== gold.verdict) return 0;
      return gold.verdict !== 'preferred' || answer.preferred === gold.preferred ? 1 : 0;
    case 'classification':
      return answer.type === 'classification' && sameSet(answer.selected, gold.selected) ? 1 : 0;
    case 'rating':
      return answer.type === 'rating' ? withinOneShare(gold.values, answer.values) : 0;
    case 'attributes': {
      if (answer.type !== 'attributes') return 0;
      const goldCells: Record<string, number> = {};
      const answerCells: Record<string, number> = {};
      for (const [output, values] of Object.entries(gold.values))
        for (const [attribute, value] of Object.entries(values)) goldCells[JSON.stringify([output, attribute])] = value;
      for (const [output, values] of Object.entries(answer.values))
        for (const [attribute, value] of Object.entries(values))
          answerCells[JSON.stringify([output, attribute])] = value;
      return withinOneShare(goldCells, answerCells);
    }
    case 'flags': {
      if (answer.type !== 'flags' || question.type !== 'flags') return 0;
      const outputs = Object.keys(gold.values);
      if (outputs.length === 0 || question.flags.length === 0) return null;
      let agreeing = 0;
      for (const output of outputs) {
        const goldYes = new Set(gold.values[output]);
        const answerYes = new Set(answer.values[output] ?? []);
        for (const flag of question.flags) if (goldYes.has(flag.id) === answerYes.has(flag.id)) agreeing++;
      }
      return agreeing / (outputs.length * question.flags.length);
    }
    default:
      return null;
  }
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

function rankingScore(gold: string[][], answer: string[][]): number | null {
  const goldPairs = pairRelations(gold);
  if (goldPairs.size === 0) return null;
  const answerPairs = pairRelations(answer);
  let agreeing = 0;
  for (const [pair, relation] of goldPairs) if (answerPairs.get(pair) === relation) agreeing++;
  return agreeing / goldPairs.size;
}

function withinOneShare(gold: Record<string, number>, answer: Record<string, number>): number | null {
  const keys = Object.keys(gold);
  if (keys.length === 0) return null;
  const close = keys.filter((key) => {
    const value = answer[key];
    return value !== undefined && Math.abs(value - (gold[key] as number)) <= 1;
  });
  return close.length / keys.length;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}
