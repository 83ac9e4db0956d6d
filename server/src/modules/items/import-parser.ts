import { randomUUID } from 'node:crypto';
import {
  type Answer,
  IMPORT_LIMITS,
  type ImportFormat,
  type ImportLine,
  type ImportProblem,
  importLineSchema,
  type Question,
  type TaskKind,
} from '@feedbench/shared';
import type { z } from 'zod';
import type { SourceProblem } from './import-formats/converted-line.ts';
import { converterFor } from './import-formats/import-formats.ts';
import type { FileLine } from './import-lines.ts';
import { templateFitProblems } from './template-fit.ts';

/** A valid line, ready for the staging table. Duplicate ids across lines are found there (import-jobs.repository). */
export interface CheckedLine {
  line: number;
  /** The id the item gets if the project does not have it yet (see import_staging.item_id). */
  itemId: string;
  item: ImportLine;
  /** The judgement the source line carried (converted formats only). */
  reference: Answer | null;
  /** The id was derived from the content: a repeat of the line is the same item, skipped rather than refused. */
  derivedId: boolean;
}

/** The project an import goes into: its kind and template decide what an item must carry. */
export interface ImportTarget {
  kind: TaskKind;
  questions: readonly Question[];
  /** Outputs come from models (generation jobs): prompts with too few outputs are accepted. */
  outputsFromModels?: boolean;
}

/**
 * Checks one line of a JSONL import file on its own: JSON, nesting depth and characters PostgreSQL cannot store, the
 * format's conversion, the line schema, then the project's template (template-fit.ts). Every problem names its field
 * path; the caller adds the line number. Blank lines are skipped (undefined).
 */
export function createLineChecker(target: ImportTarget, format: ImportFormat = 'feedbench') {
  const converter = converterFor(format);
  return (fileLine: FileLine): CheckedLine | { problems: SourceProblem[] } | undefined => {
    if ('tooLong' in fileLine) {
      const limit = IMPORT_LIMITS.maxLineBytes / 1024 / 1024;
      return {
        problems: [
          {
            field: '(line)',
            message: `line of ${fileLine.tooLong} bytes, longer than ${limit} MiB`,
            code: 'line_too_long',
            params: { bytes: fileLine.tooLong, limit },
          },
        ],
      };
    }
    const raw = fileLine.text;
    if (raw.trim() === '') return undefined;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      const detail = (error as Error).message;
      return {
        problems: [{ field: '(line)', message: `not valid JSON: ${detail}`, code: 'invalid_json', params: { detail } }],
      };
    }
    const unstorable = unstorableValue(json);
    if (unstorable) return { problems: [unstorable] };
    // Other formats become Feedbench lines first; the same checks then apply to every format.
    const converted = converter?.convert(json);
    if (converted && 'problems' in converted) return { problems: converted.problems };
    const parsed = importLineSchema.safeParse(converted ? converted.item : json);
    if (!parsed.success) {
      return {
        problems: parsed.error.issues.map((issue) => ({
          field: issue.path.join('.') || '(line)',
          message: issue.message,
          ...problemCode(issue),
        })),
      };
    }
    const misfits = templateFitProblems(target.kind, target.questions, parsed.data, {
      fewerOutputsAllowed: target.outputsFromModels === true,
    });
    if (misfits.length > 0) return { problems: misfits };
    return {
      line: fileLine.line,
      itemId: randomUUID(),
      item: parsed.data,
      reference: converted?.reference ?? null,
      derivedId: converted?.derivedId ?? false,
    };
  };
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units, no `u` flag). */
/**
 * The code and values the web app words a schema problem with (shared IMPORT_PROBLEM_CODES): the line schema's own
 * refinements name their problem in `params.problem`; zod's issues keep their code and bounds.
 */
function problemCode(issue: z.core.$ZodIssue): Pick<SourceProblem, 'code' | 'params'> {
  if (issue.code === 'custom' && issue.params?.problem === 'duplicate_output_id') {
    return { code: 'duplicate_output_id', params: { id: String(issue.params.id) } };
  }
  const params: Record<string, string | number> = { issue: issue.code };
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    params.origin = issue.origin;
    const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
    params[issue.code === 'too_small' ? 'minimum' : 'maximum'] = Number(bound);
  }
  if (issue.code === 'invalid_type') params.expected = issue.expected;
  return { code: 'schema', params };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text of a problem report made storable and printable: a field name or a JSON error may quote the very NUL or lone
 * surrogate it reports, which the job row (jsonb) could not hold. Both are written as `\uXXXX` escapes.
 */
export function storable(text: string): string {
  return text.replace(
    new RegExp(`\u0000|${LONE_SURROGATE.source}`, 'g'),
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A line's problem as reported and stored: its texts (and the values quoted from the line) made storable. */
export function reportedProblem(line: number, problem: SourceProblem): ImportProblem {
  const params = problem.params
    ? Object.fromEntries(
        Object.entries(problem.params).map(([key, value]) => [
          key,
          typeof value === 'string' ? storable(value) : value,
        ]),
      )
    : undefined;
  return {
    line,
    field: storable(problem.field),
    message: storable(problem.message),
    ...(problem.code ? { code: problem.code } : {}),
    ...(params ? { params } : {}),
  };
}

/** A value met by unstorableValue's walk: its path is rebuilt from the parent links only when it is reported. */
interface Visit {
  value: unknown;
  key: string | number | undefined;
  parent: Visit | undefined;
  depth: number;
}

function pathOf(visit: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: Visit | undefined = visit; at?.key !== undefined; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * The first value of a parsed line that cannot be stored, with its field path: nesting deeper than
 * IMPORT_LIMITS.maxDepth (serialising it would overflow the stack), NUL characters (PostgreSQL text and jsonb
 * refuse U+0000) and unpaired UTF-16 surrogates (jsonb refuses them too). Iterative, so any depth is safe to walk.
 * Every line of an import goes through it: a value's path is only built for the one reported (building one per value
 * was a third of the time spent checking a million-line file).
 */
export function unstorableValue(root: unknown): SourceProblem | undefined {
  const stack: Visit[] = [{ value: root, key: undefined, parent: undefined, depth: 0 }];
  const field = (path: (string | number)[]) => path.join('.') || '(line)';
  const badText = (text: string): { message: string; code: 'nul_character' | 'lone_surrogate' } | undefined =>
    text.includes('\u0000')
      ? { message: 'contains a NUL character (\\u0000), which cannot be stored', code: 'nul_character' }
      : LONE_SURROGATE.test(text)
        ? { message: 'contains an unpaired UTF-16 surrogate, which cannot be stored', code: 'lone_surrogate' }
        : undefined;
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    const { value } = visit;
    if (typeof value === 'string') {
      const bad = badText(value);
      if (bad) return { field: field(pathOf(visit)), ...bad, params: { in: 'value' } };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (visit.depth >= IMPORT_LIMITS.maxDepth) {
      // The path is cut to its first levels: the field is named, the message says how deep the limit is.
      const path = pathOf(visit);
      const shown = path.slice(0, 8);
      return {
        field: `${field(shown)}${path.length > shown.length ? '…' : ''}`,
        message: `nested deeper than ${IMPORT_LIMITS.maxDepth} levels`,
        code: 'too_deep',
        params: { limit: IMPORT_LIMITS.maxDepth },
      };
    }
    const depth = visit.depth + 1;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: visit, depth });
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      const bad = badText(key);
      if (bad) {
        return {
          field: field([...pathOf(visit), key]),
          message: `key ${bad.message.replace('contains', 'has')}`,
          code: bad.code,
          params: { in: 'key' },
        };
      }
      stack.push({ value: (value as Record<string, unknown>)[key], key, parent: visit, depth });
    }
  }
  return undefined;
}
