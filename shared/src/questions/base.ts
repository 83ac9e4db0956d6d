import { z } from 'zod';

/** A JSON Schema (the subset OpenAI's structured outputs accept), as a plain object. */
export type JsonSchema = { [keyword: string]: unknown };

/** Building blocks the question modules share: ids, the fields every question has, choices, answer problems. */

export const idSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'lowercase letters, digits, - or _, starting with a letter');

export const questionBase = {
  id: idSchema,
  label: z.string().min(1).max(200),
  /** Optional help shown under the label (plain text). */
  help: z.string().max(1000).default(''),
  required: z.boolean().default(true),
};

/** A choice, flag or attribute: a stable id (what is stored) and the label annotators read. */
export const choiceSchema = z.object({
  id: idSchema,
  label: z.string().min(1).max(200),
  description: z.string().max(500).default(''),
});
export type Choice = z.infer<typeof choiceSchema>;

export interface AnswerProblem {
  /** Path below `answers`, e.g. ["rank"] or ["quality", "values", "b"]. */
  path: (string | number)[];
  message: string;
  /** The output the problem is about (an id, never a display label: the client shows its own label). */
  outputId?: string;
}

export const unknownOutput = (path: (string | number)[], id: string): AnswerProblem => ({
  path,
  message: `unknown output "${id}"`,
  outputId: id,
});

export function checkLength(label: string, minLength: number, text: string, path: string[]): AnswerProblem[] {
  return text.trim().length < minLength
    ? [{ path, message: `"${label}" needs at least ${minLength} character${minLength === 1 ? '' : 's'}` }]
    : [];
}

/** A problem per repeated id (path: the list, the repeat's index, `id`). */
export function duplicateIds(ids: readonly string[], path: (string | number)[], what: string): AnswerProblem[] {
  const seen = new Set<string>();
  const problems: AnswerProblem[] = [];
  ids.forEach((id, index) => {
    if (seen.has(id)) problems.push({ path: [...path, index, 'id'], message: `duplicate ${what} "${id}"` });
    seen.add(id);
  });
  return problems;
}

/** Every output needs a value when the question is required; values must be within [min, max]. */
export function checkScale(
  label: string,
  required: boolean,
  range: { min: number; max: number },
  valueFor: (outputId: string) => number | undefined,
  path: (outputId: string) => (string | number)[],
  outputIds: readonly string[],
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

/** A problem per key of `values` that is not one of the item's outputs. */
export function unknownKeys(values: Record<string, unknown>, outputIds: readonly string[]): AnswerProblem[] {
  return Object.keys(values)
    .filter((id) => !outputIds.includes(id))
    .map((id) => unknownOutput(['values', id], id));
}

/** A scale's min below its max (problem path `max`). */
export function checkRange(question: { min: number; max: number }): AnswerProblem[] {
  return question.min >= question.max ? [{ path: ['max'], message: 'max must be greater than min' }] : [];
}

/** Share of gold's keys whose answer value is within +-1 of gold's; null when gold has none. */
export function withinOneShare(gold: Record<string, number>, answer: Record<string, number>): number | null {
  const keys = Object.keys(gold);
  if (keys.length === 0) return null;
  const close = keys.filter((key) => {
    const value = answer[key];
    return value !== undefined && Math.abs(value - (gold[key] as number)) <= 1;
  });
  return close.length / keys.length;
}

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}

/** The share of answers that differ from the most common one (1 - the majority's share). */
export function minorityShare(choices: readonly string[]): number {
  const counts = new Map<string, number>();
  let majority = 0;
  for (const choice of choices) {
    const count = (counts.get(choice) ?? 0) + 1;
    counts.set(choice, count);
    majority = Math.max(majority, count);
  }
  return 1 - majority / choices.length;
}

/**
 * The record re-keyed by `translate` (an output id's new id, or undefined to drop the entry): answers keyed by output
 * id under the blind ids annotators see and the real ones (output-ids.ts).
 */
export function mapKeys<V>(
  values: Record<string, V>,
  translate: (id: string) => string | undefined,
): Record<string, V> {
  const mapped: Record<string, V> = {};
  for (const [id, value] of Object.entries(values)) {
    const to = translate(id);
    if (to !== undefined) mapped[to] = value;
  }
  return mapped;
}

/**
 * A judge's answer schema (question-module.ts, `judgeSchema`): an object with the answer's `type` fixed, the given
 * properties and no others (structured outputs keep the model to exactly these fields).
 */
export function judgeAnswerObject(
  type: string,
  properties: Record<string, JsonSchema>,
  required: readonly string[],
): JsonSchema {
  return {
    type: 'object',
    properties: { type: { type: 'string', const: type }, ...properties },
    required: ['type', ...required],
    additionalProperties: false,
  };
}

/** An object keyed by output id, each value of `schema`; every output required when `required`. */
export function judgePerOutput(outputIds: readonly string[], schema: JsonSchema, required: boolean): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(outputIds.map((id) => [id, schema])),
    required: required ? [...outputIds] : [],
    additionalProperties: false,
  };
}

/** An integer on the question's scale. */
export const judgeScale = (range: { min: number; max: number }): JsonSchema => ({
  type: 'integer',
  minimum: range.min,
  maximum: range.max,
});

/** One of the given ids (a choice, flag, option or output). */
export const judgeEnum = (ids: readonly string[], description?: string): JsonSchema => ({
  type: 'string',
  enum: [...ids],
  ...(description === undefined ? {} : { description }),
});
