import { createHash, randomInt } from 'node:crypto';
import type { Answer, ImportFormat, ImportProblem, TaskKind } from '@feedbench/shared';

/** A problem in a source line, by field path (the parser adds the line number). */
export type SourceProblem = Omit<ImportProblem, 'line'>;

/** A source line turned into a Feedbench import line (validated afterwards by `importLineSchema`). */
export interface ConvertedLine {
  item: { id: string; prompt: unknown; outputs?: unknown; metadata?: Record<string, unknown> };
  /** The judgement the source carried, stored as the item's reference label. */
  reference: Answer;
  /** The id was derived from the content: a repeated line is the same item, skipped rather than refused. */
  derivedId: boolean;
}

export interface ImportConverter {
  /** The project kind the format's items belong to. */
  kind: TaskKind;
  convert(json: unknown): ConvertedLine | { problems: SourceProblem[] };
}

export type ConvertedFormat = Exclude<ImportFormat, 'feedbench'>;

/** The line's own "id" when it has one, else a hash of its content, so importing a file again creates nothing. */
export function itemIdFor(
  json: Record<string, unknown>,
  prefix: string,
  content: unknown,
): { id: string; derived: boolean } {
  if (typeof json.id === 'string' && json.id.length > 0 && json.id.length <= 200)
    return { id: json.id, derived: false };
  const digest = createHash('sha256').update(JSON.stringify(content)).digest('hex');
  return { id: `${prefix}-${digest.slice(0, 20)}`, derived: true };
}

/**
 * Two outputs with neutral ids `a` and `b`, the chosen one first or second at random (crypto, not derived from the
 * item: a hash of its id let anyone who knows the id compute the source's judgement). Annotators see neither id (they
 * get blind ids, see assignment/output-blinding.ts); the real ids reach exports, which carry the judgement anyway.
 * The item id no longer decides anything; the parameter stays for the format converters' call.
 */
export function pairOutputs(_itemId: string, chosen: string, rejected: string) {
  const chosenFirst = randomInt(2) === 0;
  const [chosenId, rejectedId] = chosenFirst ? ['a', 'b'] : ['b', 'a'];
  const outputs = [
    { id: chosenId, content: chosen },
    { id: rejectedId, content: rejected },
  ].sort((x, y) => x.id.localeCompare(y.id));
  const reference: Answer = { type: 'ranking', groups: [[chosenId], [rejectedId]] };
  return { outputs, reference };
}

/** Fields other than the format's own, kept as item metadata (e.g. UltraFeedback's `prompt_id`, `score_chosen`). */
export function extraFields(json: Record<string, unknown>, known: readonly string[]): Record<string, unknown> {
  const metadata =
    typeof json.metadata === 'object' && json.metadata !== null && !Array.isArray(json.metadata)
      ? { ...(json.metadata as Record<string, unknown>) }
      : {};
  for (const [key, value] of Object.entries(json)) {
    if (!known.includes(key) && key !== 'id' && key !== 'metadata') metadata[key] = value;
  }
  return metadata;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
