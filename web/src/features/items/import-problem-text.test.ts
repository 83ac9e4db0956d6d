import { IMPORT_PROBLEM_CODES, type ImportProblem } from '@feedbench/shared';
import { describe, expect, it } from 'vitest';
import { importProblemField, importProblemText } from './import-problem-text.ts';

/** Problems as the server reports them (server/src/modules/items/import-parser.test.ts makes each of these). */
const problems: ImportProblem[] = [
  {
    line: 1,
    field: '(line)',
    message: 'line of 20000000 bytes, longer than 16 MiB',
    code: 'line_too_long',
    params: { bytes: 20_000_000, limit: 16 },
  },
  {
    line: 2,
    field: '(line)',
    message: 'not valid JSON: Unexpected end',
    code: 'invalid_json',
    params: { detail: 'Unexpected end' },
  },
  { line: 3, field: 'metadata.a.a', message: 'nested deeper than 64 levels', code: 'too_deep', params: { limit: 64 } },
  { line: 4, field: 'prompt', message: 'contains a NUL character', code: 'nul_character', params: { in: 'value' } },
  {
    line: 5,
    field: 'metadata.k',
    message: 'key has an unpaired UTF-16 surrogate',
    code: 'lone_surrogate',
    params: { in: 'key' },
  },
  {
    line: 6,
    field: 'prompt',
    message: 'required: a string or an array',
    code: 'schema',
    params: { issue: 'invalid_union' },
  },
  {
    line: 7,
    field: 'id',
    message: 'Too small',
    code: 'schema',
    params: { issue: 'too_small', origin: 'string', minimum: 1 },
  },
  {
    line: 8,
    field: 'outputs',
    message: 'Too big',
    code: 'schema',
    params: { issue: 'too_big', origin: 'array', maximum: 9 },
  },
  {
    line: 9,
    field: 'outputs.0.content',
    message: 'Invalid input',
    code: 'schema',
    params: { issue: 'invalid_type', expected: 'string' },
  },
  {
    line: 10,
    field: 'outputs.1.id',
    message: 'duplicate output id "a"',
    code: 'duplicate_output_id',
    params: { id: 'a' },
  },
  {
    line: 11,
    field: 'id',
    message: 'duplicate id "q1" (first on line 2)',
    code: 'duplicate_id',
    params: { id: 'q1', firstLine: 2 },
  },
  {
    line: 12,
    field: 'outputs',
    message: 'a chat project takes conversation starters only',
    code: 'chat_takes_starters',
  },
  {
    line: 13,
    field: 'prompt',
    message: 'required: an empty conversation',
    code: 'empty_conversation',
    params: { kind: 'ranking' },
  },
  {
    line: 14,
    field: 'outputs',
    message: 'question "rank" (ranking) needs 2 to 9 outputs, got 1',
    code: 'output_count',
    params: { min: 2, max: 9, count: 1, question: 'rank' },
  },
  {
    line: 15,
    field: 'outputs',
    message: 'question "preference" (pairwise) needs exactly 2 outputs, got 3',
    code: 'output_count',
    params: { min: 2, max: 2, count: 3, question: 'preference' },
  },
  {
    line: 16,
    field: 'outputs',
    message: 'a ranking project needs 2 to 9 outputs, got 0',
    code: 'output_count',
    params: { min: 2, max: 9, count: 0, kind: 'ranking' },
  },
  {
    line: 17,
    field: 'prompt.1.role',
    message: 'the conversation must end with a user turn',
    code: 'conversation_end',
    params: { question: 'reply', role: 'assistant' },
  },
  { line: 18, field: '(line)', message: 'expected an object', code: 'expected_object' },
  ...[
    'hh_shared_turn',
    'hh_human_first',
    'hh_human_before_reply',
    'hh_transcripts',
    'openai_messages',
    'openai_last_assistant',
    'trl_completion',
    'trl_prompt',
  ].map(
    (rule, i): ImportProblem => ({
      line: 20 + i,
      field: 'chosen',
      message: `format rule ${rule}`,
      code: 'format_field',
      params: { rule },
    }),
  ),
];

const chinese = /[\u4e00-\u9fff]/;

describe('importProblemText', () => {
  it('covers every problem code the server gives', () => {
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(IMPORT_PROBLEM_CODES));
  });

  it('shows the server message as it is in English', () => {
    for (const problem of problems) expect(importProblemText(problem, 'en')).toBe(problem.message);
  });

  it('words every coded problem in Chinese, with the values it quotes', () => {
    for (const problem of problems) {
      const text = importProblemText(problem, 'zh-CN');
      expect(text, problem.message).toMatch(chinese);
      expect(text, problem.message).not.toContain('{{');
      // The values quoted from the line or the rule's bounds; `in`, `issue`, `origin`, `rule`, `kind` choose the words
      // and `detail` (the JavaScript engine's English) is left to the English message.
      const quoted = Object.entries(problem.params ?? {}).filter(
        ([key, value]) =>
          !['in', 'issue', 'origin', 'rule', 'kind', 'detail'].includes(key) && !(key === 'minimum' && value === 1),
      );
      for (const [, value] of quoted) expect(text, problem.message).toContain(String(value));
    }
  });

  it('keeps the message of a problem without a code (reports stored before codes)', () => {
    const old: ImportProblem = { line: 1, field: 'id', message: 'an old report' };
    expect(importProblemText(old, 'zh-CN')).toBe('an old report');
  });

  it('names a whole-line problem in the UI language and keeps field paths as written', () => {
    expect(importProblemField({ line: 1, field: 'outputs.0.id', message: '' })).toBe('outputs.0.id');
  });
});
