import {
  type Answer,
  type ImportFormat,
  type ImportLine,
  type ImportProblem,
  importLineSchema,
  type Question,
  type TaskKind,
} from '@feedbench/shared';
import { converterFor } from './import-formats/import-formats.ts';
import { MAX_REPORTED_PROBLEMS } from './items.errors.ts';
import { templateFitProblems } from './template-fit.ts';

export interface ParsedImport {
  lines: ImportLine[];
  problems: ImportProblem[];
  /** Distinct line numbers with a problem (the report may be capped, this count is not). */
  badLines: number;
  /** Item id -> the judgement the source file carried (converted formats only). */
  references: Map<string, Answer>;
  /** Repeats of a line whose id was derived from its content: the same item again, skipped. */
  repeats: number;
}

/** The project an import goes into: its kind and template decide what an item must carry. */
export interface ImportTarget {
  kind: TaskKind;
  questions: readonly Question[];
}

/**
 * Parses a JSONL import file completely before anything is written: every problem is reported with its line
 * number (1-based, blank lines counted) and field path, so a file is imported whole or not at all. Items must also
 * fit the project's template (template-fit.ts).
 */
export function parseImportFile(text: string, target: ImportTarget, format: ImportFormat = 'feedbench'): ParsedImport {
  const converter = converterFor(format);
  const references = new Map<string, Answer>();
  let repeats = 0;
  const lines: ImportLine[] = [];
  const problems: ImportProblem[] = [];
  const bad = new Set<number>();
  const firstLineOfId = new Map<string, number>();
  const report = (problem: ImportProblem) => {
    bad.add(problem.line);
    if (problems.length < MAX_REPORTED_PROBLEMS) problems.push(problem);
  };

  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      report({ line, field: '(line)', message: `not valid JSON: ${(error as Error).message}` });
      return;
    }
    // Other formats become Feedbench lines first; the same checks then apply to every format.
    const converted = converter?.convert(json);
    if (converted && 'problems' in converted) {
      for (const problem of converted.problems) report({ line, ...problem });
      return;
    }
    const parsed = importLineSchema.safeParse(converted ? converted.item : json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        report({ line, field: issue.path.join('.') || '(line)', message: issue.message });
      }
      return;
    }
    const item = parsed.data;
    const misfits = templateFitProblems(target.kind, target.questions, item);
    if (misfits.length > 0) {
      for (const problem of misfits) report({ line, ...problem });
      return;
    }
    const seenAt = firstLineOfId.get(item.id);
    if (seenAt !== undefined && converted?.derivedId) {
      repeats++;
      return;
    }
    if (seenAt !== undefined) {
      report({ line, field: 'id', message: `duplicate id "${item.id}" (first on line ${seenAt})` });
      return;
    }
    firstLineOfId.set(item.id, line);
    lines.push(item);
    if (converted) references.set(item.id, converted.reference);
  });
  return { lines, problems, badLines: bad.size, references, repeats };
}
