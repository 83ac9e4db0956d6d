import { z } from 'zod';
import type { Question, QuestionOf } from './template.ts';

/**
 * What an annotation stores: `answers` maps each question id to one answer whose `type` is the question's type.
 * Output ids are the item's output ids (never display labels); the display order the annotator saw is stored beside
 * the answers. These shapes are the contract exports and analytics read:
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

export const demonstrationAnswerSchema = z.object({
  type: z.literal('demonstration'),
  text: z.string().max(100_000),
  /** `rewrite`: the output the text rewrites. */
  sourceOutputId: z.string().min(1).optional(),
  /** `continue`: the user's next message, written by the annotator. */
  nextUserTurn: z.string().max(100_000).optional(),
});

/** Groups of output ids, best group first; outputs in one group are tied. */
export const rankingAnswerSchema = z.object({
  type: z.literal('ranking'),
  groups: z
    .array(z.array(z.string().min(1)).min(1))
    .min(1)
    .max(9),
  /** "All outputs are bad": the ranking still orders them, but none is good enough to imitate. */
  allBad: z.boolean().optional(),
});

/** Llama 2's preference strengths, strongest first (Touvron et al. 2023, section 3.2.1). */
export const PREFERENCE_STRENGTHS = ['significantly-better', 'better', 'slightly-better', 'negligibly-better'] as const;
export type PreferenceStrength = (typeof PREFERENCE_STRENGTHS)[number];
export const PAIRWISE_VERDICTS = ['preferred', 'tie', 'both-bad'] as const;
export type PairwiseVerdict = (typeof PAIRWISE_VERDICTS)[number];

export const pairwiseAnswerSchema = z.object({
  type: z.literal('pairwise'),
  verdict: z.enum(PAIRWISE_VERDICTS),
  /** The better output's id, when the verdict is `preferred`. */
  preferred: z.string().min(1).optional(),
  strength: z.enum(PREFERENCE_STRENGTHS).optional(),
  /** Safety label per output id (true = safe), when the question asks for it. */
  safe: z.record(z.string(), z.boolean()).optional(),
});

/** One value per output id. */
export const ratingAnswerSchema = z.object({
  type: z.literal('rating'),
  values: z.record(z.string(), z.number().int()),
});

export const attributesAnswerSchema = z.object({
  type: z.literal('attributes'),
  values: z.record(z.string(), z.record(z.string(), z.number().int())),
});

export const flagsAnswerSchema = z.object({
  type: z.literal('flags'),
  values: z.record(z.string(), z.array(z.string())),
});

export const rationaleAnswerSchema = z.object({
  type: z.literal('rationale'),
  text: z.string().max(100_000),
});

export const classificationAnswerSchema = z.object({
  type: z.literal('classification'),
  selected: z.array(z.string()).max(30),
});

/** The best output's id, or null for "none is acceptable" (only when the question allows it). */
export const bestOfKAnswerSchema = z.object({
  type: z.literal('best-of-k'),
  choice: z.string().min(1).nullable(),
});

export const answerSchema = z.discriminatedUnion('type', [
  demonstrationAnswerSchema,
  rankingAnswerSchema,
  pairwiseAnswerSchema,
  ratingAnswerSchema,
  attributesAnswerSchema,
  flagsAnswerSchema,
  rationaleAnswerSchema,
  classificationAnswerSchema,
  bestOfKAnswerSchema,
]);
export type Answer = z.infer<typeof answerSchema>;
export type AnswerOf<T extends Answer['type']> = Extract<Answer, { type: T }>;
export type RankingAnswer = AnswerOf<'ranking'>;
export type PairwiseAnswer = AnswerOf<'pairwise'>;

export const answersSchema = z.record(z.string(), answerSchema);
export type Answers = z.infer<typeof answersSchema>;

export interface AnswerProblem {
  /** Path below `answers`, e.g. ["rank"] or ["quality", "values", "b"]. */
  path: (string | number)[];
  message: string;
  /** The output the problem is about (an id, never a display label: the client shows its own label). */
  outputId?: string;
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
  switch (question.type) {
    case 'demonstration':
      return answer.type === 'demonstration' ? checkDemonstration(question, answer, outputIds) : [];
    case 'ranking':
      return answer.type === 'ranking' ? checkRanking(question, answer, outputIds) : [];
    case 'pairwise':
      return answer.type === 'pairwise' ? checkPairwise(question, answer, outputIds) : [];
    case 'rating':
      return answer.type === 'rating' ? checkRating(question, answer, outputIds) : [];
    case 'attributes':
      return answer.type === 'attributes' ? checkAttributes(question, answer, outputIds) : [];
    case 'flags':
      return answer.type === 'flags' ? checkFlags(question, answer, outputIds) : [];
    case 'rationale':
      return answer.type === 'rationale' ? checkLength(question.label, question.minLength, answer.text, ['text']) : [];
    case 'classification':
      return answer.type === 'classification' ? checkClassification(question, answer) : [];
    case 'best-of-k':
      return answer.type === 'best-of-k' ? checkBestOfK(question, answer, outputIds) : [];
  }
}

function checkLength(label: string, minLength: number, text: string, path: string[]): AnswerProblem[] {
  return text.trim().length < minLength
    ? [{ path, message: `"${label}" needs at least ${minLength} character${minLength === 1 ? '' : 's'}` }]
    : [];
}

function checkDemonstration(
  question: QuestionOf<'demonstration'>,
  answer: AnswerOf<'demonstration'>,
  outputIds: string[],
): AnswerProblem[] {
  const problems = checkLength(question.label, question.minLength, answer.text, ['text']);
  if (question.variant === 'rewrite') {
    if (outputIds.length === 0) {
      problems.push({ path: ['sourceOutputId'], message: 'this item has no model output to rewrite' });
    } else if (answer.sourceOutputId === undefined) {
      problems.push({ path: ['sourceOutputId'], message: `"${question.label}": choose the output you rewrite` });
    } else if (!outputIds.includes(answer.sourceOutputId)) {
      problems.push(unknownOutput(['sourceOutputId'], answer.sourceOutputId));
    }
  } else if (answer.sourceOutputId !== undefined) {
    problems.push({ path: ['sourceOutputId'], message: 'only a rewrite names a source output' });
  }
  const userTurn = answer.nextUserTurn?.trim() ?? '';
  const asksUserTurn = question.variant === 'continue' ? question.nextUserTurn : 'off';
  if (asksUserTurn === 'required' && userTurn === '') {
    problems.push({ path: ['nextUserTurn'], message: `"${question.label}": write the user's next message too` });
  }
  if (asksUserTurn === 'off' && userTurn !== '') {
    problems.push({ path: ['nextUserTurn'], message: "this question does not take the user's next message" });
  }
  return problems;
}

const unknownOutput = (path: (string | number)[], id: string): AnswerProblem => ({
  path,
  message: `unknown output "${id}"`,
  outputId: id,
});

function checkRanking(question: QuestionOf<'ranking'>, answer: RankingAnswer, outputIds: string[]): AnswerProblem[] {
  const placed = answer.groups.flat();
  const problems: AnswerProblem[] = [];
  if (new Set(placed).size !== placed.length) problems.push({ path: ['groups'], message: 'an output is ranked twice' });
  for (const id of placed) {
    if (!outputIds.includes(id)) problems.push(unknownOutput(['groups'], id));
  }
  const missing = outputIds.filter((id) => !placed.includes(id));
  if (missing.length > 0)
    problems.push({ path: ['groups'], message: `rank every output (missing ${missing.join(', ')})` });
  if (!question.allowTies && answer.groups.some((g) => g.length > 1)) {
    problems.push({ path: ['groups'], message: 'ties are not allowed in this project' });
  }
  if (answer.allBad && !question.allowAllBad) {
    problems.push({ path: ['allBad'], message: '"all outputs are bad" is not offered in this project' });
  }
  return problems;
}

function checkPairwise(question: QuestionOf<'pairwise'>, answer: PairwiseAnswer, outputIds: string[]): AnswerProblem[] {
  if (outputIds.length !== 2) {
    return [{ path: [], message: `"${question.label}" compares exactly 2 outputs; this item has ${outputIds.length}` }];
  }
  const problems: AnswerProblem[] = [];
  if (answer.verdict === 'preferred') {
    if (answer.preferred === undefined) {
      problems.push({ path: ['preferred'], message: `"${question.label}": choose the better output` });
    } else if (!outputIds.includes(answer.preferred)) {
      problems.push(unknownOutput(['preferred'], answer.preferred));
    }
    if (question.askStrength && answer.strength === undefined) {
      problems.push({ path: ['strength'], message: `"${question.label}": say how much better it is` });
    }
    if (!question.askStrength && answer.strength !== undefined) {
      problems.push({ path: ['strength'], message: 'this question does not ask for a strength' });
    }
  } else {
    if (answer.preferred !== undefined || answer.strength !== undefined) {
      problems.push({ path: ['preferred'], message: `a ${answer.verdict} verdict prefers no output` });
    }
    if (answer.verdict === 'tie' && !question.allowTie) {
      problems.push({ path: ['verdict'], message: 'ties are not allowed in this project' });
    }
    if (answer.verdict === 'both-bad' && !question.allowBothBad) {
      problems.push({ path: ['verdict'], message: '"both are bad" is not offered in this project' });
    }
  }
  const safe = answer.safe ?? {};
  if (question.askSafety) {
    for (const id of outputIds) {
      if (safe[id] === undefined && question.required) {
        problems.push({ path: ['safe', id], message: `say whether every output is safe`, outputId: id });
      }
    }
  } else if (Object.keys(safe).length > 0) {
    problems.push({ path: ['safe'], message: 'this question does not ask for safety labels' });
  }
  for (const id of Object.keys(safe)) {
    if (!outputIds.includes(id)) problems.push(unknownOutput(['safe', id], id));
  }
  return problems;
}

/** Every output needs a value when the question is required; values must be within [min, max]. */
function checkScale(
  label: string,
  required: boolean,
  range: { min: number; max: number },
  valueFor: (outputId: string) => number | undefined,
  path: (outputId: string) => (string | number)[],
  outputIds: string[],
): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  for (const id of outputIds) {
    const value = valueFor(id);
    if (value === undefined) {
      if (required) problems.push({ path: path(id), message: `rate every output for "${label}"`, outputId: id });
    } else if (value < range.min || value > range.max) {
      problems.push({ path: path(id), message: `must be between ${range.min} and ${range.max}`, outputId: id });
    }
  }
  return problems;
}

function unknownKeys(values: Record<string, unknown>, outputIds: string[]): AnswerProblem[] {
  return Object.keys(values)
    .filter((id) => !outputIds.includes(id))
    .map((id) => unknownOutput(['values', id], id));
}

function checkRating(question: QuestionOf<'rating'>, answer: AnswerOf<'rating'>, outputIds: string[]) {
  return [
    ...checkScale(
      question.label,
      question.required,
      question,
      (id) => answer.values[id],
      (id) => ['values', id],
      outputIds,
    ),
    ...unknownKeys(answer.values, outputIds),
  ];
}

function checkAttributes(question: QuestionOf<'attributes'>, answer: AnswerOf<'attributes'>, outputIds: string[]) {
  const problems = question.attributes.flatMap((attribute) =>
    checkScale(
      attribute.label,
      question.required,
      question,
      (id) => answer.values[id]?.[attribute.id],
      (id) => ['values', id, attribute.id],
      outputIds,
    ),
  );
  const known = new Set(question.attributes.map((a) => a.id));
  for (const [outputId, values] of Object.entries(answer.values)) {
    for (const key of Object.keys(values)) {
      if (!known.has(key)) {
        problems.push({ path: ['values', outputId, key], message: `unknown attribute "${key}"`, outputId });
      }
    }
  }
  return [...problems, ...unknownKeys(answer.values, outputIds)];
}

function checkFlags(question: QuestionOf<'flags'>, answer: AnswerOf<'flags'>, outputIds: string[]) {
  const problems: AnswerProblem[] = [];
  const known = new Set(question.flags.map((f) => f.id));
  for (const id of outputIds) {
    const flags = answer.values[id];
    if (flags === undefined) {
      if (question.required) {
        problems.push({ path: ['values', id], message: `review every output for "${question.label}"`, outputId: id });
      }
      continue;
    }
    if (new Set(flags).size !== flags.length) {
      problems.push({ path: ['values', id], message: 'a flag is given twice', outputId: id });
    }
    for (const flag of flags) {
      if (!known.has(flag)) problems.push({ path: ['values', id], message: `unknown flag "${flag}"`, outputId: id });
    }
  }
  return [...problems, ...unknownKeys(answer.values, outputIds)];
}

function checkClassification(question: QuestionOf<'classification'>, answer: AnswerOf<'classification'>) {
  const problems: AnswerProblem[] = [];
  const known = new Set(question.options.map((o) => o.id));
  for (const id of answer.selected) {
    if (!known.has(id)) problems.push({ path: ['selected'], message: `unknown option "${id}"` });
  }
  if (new Set(answer.selected).size !== answer.selected.length) {
    problems.push({ path: ['selected'], message: 'an option is selected twice' });
  }
  if (answer.selected.length === 0 && question.required) {
    problems.push({ path: ['selected'], message: `"${question.label}" is required` });
  }
  if (!question.multiple && answer.selected.length > 1) {
    problems.push({ path: ['selected'], message: `"${question.label}" takes one option` });
  }
  return problems;
}

function checkBestOfK(question: QuestionOf<'best-of-k'>, answer: AnswerOf<'best-of-k'>, outputIds: string[]) {
  if (outputIds.length < 2) {
    return [{ path: [], message: `"${question.label}" picks among 2 or more outputs; this item has ${outputIds.length}` }];
  }
  if (answer.choice === null) {
    return question.allowNone ? [] : [{ path: ['choice'], message: '"none is acceptable" is not offered in this project' }];
  }
  return outputIds.includes(answer.choice) ? [] : [unknownOutput(['choice'], answer.choice)];
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
