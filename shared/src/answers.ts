import { z } from 'zod';
import type { Question } from './template.ts';

export const demonstrationAnswerSchema = z.object({
  type: z.literal('demonstration'),
  text: z.string().max(100_000),
});

/** Groups of output ids, best group first; outputs in one group are tied. */
export const rankingAnswerSchema = z.object({
  type: z.literal('ranking'),
  groups: z
    .array(z.array(z.string().min(1)).min(1))
    .min(1)
    .max(9),
});

/** One value per output id. */
export const ratingAnswerSchema = z.object({
  type: z.literal('rating'),
  values: z.record(z.string(), z.number().int()),
});

export const answerSchema = z.discriminatedUnion('type', [
  demonstrationAnswerSchema,
  rankingAnswerSchema,
  ratingAnswerSchema,
]);
export type Answer = z.infer<typeof answerSchema>;
export type RankingAnswer = z.infer<typeof rankingAnswerSchema>;

export const answersSchema = z.record(z.string(), answerSchema);
export type Answers = z.infer<typeof answersSchema>;

export interface AnswerProblem {
  /** Path below `answers`, e.g. ["rank"] or ["quality", "values", "b"]. */
  path: (string | number)[];
  message: string;
}

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
    if (answer.type !== question.type) {
      problems.push({ path: [question.id, 'type'], message: `expected a ${question.type} answer` });
      continue;
    }
    problems.push(...checkOne(question, answer, outputIds).map((p) => ({ ...p, path: [question.id, ...p.path] })));
  }
  return problems;
}

function checkOne(question: Question, answer: Answer, outputIds: string[]): AnswerProblem[] {
  if (question.type === 'demonstration' && answer.type === 'demonstration') {
    const length = answer.text.trim().length;
    return length < question.minLength
      ? [{ path: ['text'], message: `"${question.label}" needs at least ${question.minLength} characters` }]
      : [];
  }
  if (question.type === 'ranking' && answer.type === 'ranking')
    return checkRanking(question.allowTies, answer, outputIds);
  if (question.type === 'rating' && answer.type === 'rating') {
    const problems: AnswerProblem[] = [];
    for (const id of outputIds) {
      const value = answer.values[id];
      if (value === undefined) {
        if (question.required)
          problems.push({ path: ['values', id], message: `rate every output for "${question.label}"` });
      } else if (value < question.min || value > question.max) {
        problems.push({ path: ['values', id], message: `must be between ${question.min} and ${question.max}` });
      }
    }
    for (const id of Object.keys(answer.values)) {
      if (!outputIds.includes(id)) problems.push({ path: ['values', id], message: `unknown output "${id}"` });
    }
    return problems;
  }
  return [];
}

function checkRanking(allowTies: boolean, answer: RankingAnswer, outputIds: string[]): AnswerProblem[] {
  const placed = answer.groups.flat();
  const problems: AnswerProblem[] = [];
  if (new Set(placed).size !== placed.length) problems.push({ path: ['groups'], message: 'an output is ranked twice' });
  for (const id of placed) {
    if (!outputIds.includes(id)) problems.push({ path: ['groups'], message: `unknown output "${id}"` });
  }
  const missing = outputIds.filter((id) => !placed.includes(id));
  if (missing.length > 0)
    problems.push({ path: ['groups'], message: `rank every output (missing ${missing.join(', ')})` });
  if (!allowTies && answer.groups.some((g) => g.length > 1)) {
    problems.push({ path: ['groups'], message: 'ties are not allowed in this project' });
  }
  return problems;
}

/**
 * The ordered pairs a ranking induces: (better, worse) for every two outputs in different groups; tied outputs
 * induce no pair. InstructGPT (Ouyang et al. 2022, section 3.5) trains on all C(K,2) comparisons of a ranking.
 */
export function rankingPairs(groups: string[][]): [better: string, worse: string][] {
  const pairs: [string, string][] = [];
  groups.forEach((group, rank) => {
    for (const better of group) {
      for (const lower of groups.slice(rank + 1)) {
        for (const worse of lower) pairs.push([better, worse]);
      }
    }
  });
  return pairs;
}
