import type { ImportProblem } from '@feedbench/shared';
import { i18next } from '../../i18n/i18n.ts';
import { translate } from '../../i18n/messages.ts';
import { importProblemMessages } from './import-problems.messages.ts';

type Key = Parameters<typeof translate<(typeof importProblemMessages)['en']>>[1];

const inCatalog = (key: string): key is Key => key in importProblemMessages.en;

/** Zod's issue in the line schema, worded by its code, the kind of value and its bound. */
function schemaKey(problem: ImportProblem): Key {
  const params = problem.params ?? {};
  const issue = params.issue;
  if (problem.field === 'prompt' && (issue === 'invalid_union' || issue === 'invalid_type')) return 'schema_prompt';
  if (issue === 'invalid_type') return 'schema_invalid_type';
  if (issue === 'too_small' || issue === 'too_big') {
    const origin = params.origin === 'string' || params.origin === 'array' ? params.origin : 'number';
    if (issue === 'too_small' && origin === 'string' && params.minimum === 1) return 'schema_empty_string';
    const key = `schema_${issue}_${origin}`;
    if (inCatalog(key)) return key;
  }
  return 'schema_invalid';
}

function keyOf(problem: ImportProblem): Key | undefined {
  const params = problem.params ?? {};
  switch (problem.code) {
    case undefined:
      return undefined;
    case 'schema':
      return schemaKey(problem);
    case 'nul_character':
    case 'lone_surrogate':
      return `${problem.code}_${params.in === 'key' ? 'key' : 'value'}`;
    case 'output_count':
      if (params.question === undefined) return 'output_count_project';
      return params.min === params.max ? 'output_count_question_exact' : 'output_count_question';
    case 'format_field': {
      const key = `rule_${String(params.rule)}`;
      return inCatalog(key) ? key : undefined;
    }
    default:
      return inCatalog(problem.code) ? problem.code : undefined;
  }
}

/**
 * A refused line's problem in the UI language. English shows the server's message as it is (the words the API and
 * the CLI give); other languages word it from the problem's code and values, and fall back to the message for a
 * problem without one (reports stored before problems had codes).
 */
export function importProblemText(problem: ImportProblem, language: string = i18next.language): string {
  if (language === 'en') return problem.message;
  const key = keyOf(problem);
  return key ? translate(importProblemMessages, key, { ...problem.params, lng: language }) : problem.message;
}

/** The field column: a problem of the whole line says so in the UI language; field paths are the file's own keys. */
export function importProblemField(problem: ImportProblem): string {
  return problem.field === '(line)' ? translate(importProblemMessages, 'wholeLine') : problem.field || '—';
}
