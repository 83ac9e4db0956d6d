import type { ImportFormat } from '@feedbench/shared';
import { findPreset, IMPORT_PROBLEM_CODES, type ImportProblemCode, questionSchema } from '@feedbench/shared';
import { describe, expect, it } from 'vitest';
import { createLineChecker, type ImportTarget, reportedProblem } from './import-parser.ts';

const ranking: ImportTarget = { kind: 'ranking', questions: findPreset('instructgpt-ranking')?.questions ?? [] };
const continuing: ImportTarget = {
  kind: 'demonstration',
  questions: [questionSchema.parse({ id: 'reply', type: 'demonstration', label: 'Reply', variant: 'continue' })],
};
const chat: ImportTarget = { kind: 'chat', questions: [] };
const outputs = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `o${i}`, content: `Output ${i}` }));

/** The problems the checker reports for one line, as stored (line 7). */
function problemsOf(target: ImportTarget, text: string, format: ImportFormat = 'feedbench') {
  const checked = createLineChecker(target, format)({ line: 7, text });
  if (!checked || !('problems' in checked)) throw new Error(`line accepted: ${text}`);
  return checked.problems.map((p) => reportedProblem(7, p));
}

const deep = (levels: number): unknown => (levels === 0 ? 1 : { a: deep(levels - 1) });

describe('import line problems carry a code the web words in its language', () => {
  // One bad line per way a line can be refused: each must come back with a code and the values its wording needs.
  const cases: [string, ImportTarget, string, ImportProblemCode, Record<string, unknown>?, ImportFormat?][] = [
    ['bad JSON', ranking, '{"id": ', 'invalid_json'],
    [
      'NUL in a value',
      ranking,
      JSON.stringify({ id: 'x', prompt: 'a\u0000b', outputs: outputs(2) }),
      'nul_character',
      { in: 'value' },
    ],
    [
      'NUL in a key',
      ranking,
      JSON.stringify({ id: 'x', prompt: 'p', outputs: outputs(2), metadata: { 'k\u0000': 1 } }),
      'nul_character',
      { in: 'key' },
    ],
    ['lone surrogate', ranking, '{"id": "x", "prompt": "\\ud800", "outputs": []}', 'lone_surrogate', { in: 'value' }],
    [
      'nesting too deep',
      ranking,
      JSON.stringify({ id: 'x', prompt: 'p', metadata: deep(70) }),
      'too_deep',
      { limit: 64 },
    ],
    ['missing prompt', ranking, JSON.stringify({ id: 'x', outputs: outputs(2) }), 'schema', { issue: 'invalid_union' }],
    [
      'empty id',
      ranking,
      JSON.stringify({ id: '', prompt: 'p', outputs: outputs(2) }),
      'schema',
      { issue: 'too_small', origin: 'string', minimum: 1 },
    ],
    [
      'ten outputs',
      ranking,
      JSON.stringify({ id: 'x', prompt: 'p', outputs: outputs(10) }),
      'schema',
      { issue: 'too_big', origin: 'array', maximum: 9 },
    ],
    [
      'an output id twice',
      ranking,
      JSON.stringify({
        id: 'x',
        prompt: 'p',
        outputs: [
          { id: 'a', content: '1' },
          { id: 'a', content: '2' },
        ],
      }),
      'duplicate_output_id',
      { id: 'a' },
    ],
    [
      'one output to rank',
      ranking,
      JSON.stringify({ id: 'x', prompt: 'p', outputs: outputs(1) }),
      'output_count',
      { min: 2, max: 9, count: 1, question: 'rank' },
    ],
    [
      'ends on the assistant',
      continuing,
      JSON.stringify({
        id: 'x',
        prompt: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: 'b' },
        ],
      }),
      'conversation_end',
      { question: 'reply', role: 'assistant' },
    ],
    [
      'chat item with outputs',
      chat,
      JSON.stringify({ id: 'x', prompt: 'p', outputs: outputs(2) }),
      'chat_takes_starters',
    ],
    [
      'empty conversation',
      ranking,
      JSON.stringify({ id: 'x', prompt: [], outputs: outputs(2) }),
      'empty_conversation',
      { kind: 'ranking' },
    ],
    [
      'HH-RLHF without turns',
      ranking,
      JSON.stringify({ chosen: 'hi', rejected: 'ho' }),
      'format_field',
      { rule: 'hh_shared_turn' },
      'hh-rlhf',
    ],
    [
      'OpenAI chat without messages',
      { kind: 'demonstration', questions: [] },
      JSON.stringify({ x: 1 }),
      'format_field',
      { rule: 'openai_messages' },
      'openai-chat',
    ],
    ['TRL line not an object', ranking, '[1]', 'expected_object', undefined, 'trl-preference'],
  ];
  for (const [what, target, text, code, params, format] of cases) {
    it(`${what}: ${code}`, () => {
      const problems = problemsOf(target, text, format);
      expect(problems.map((p) => p.code)).toContain(code);
      const problem = problems.find((p) => p.code === code);
      if (params) expect(problem?.params).toMatchObject(params);
      expect(problem?.line).toBe(7);
    });
  }

  it('gives every problem a known code', () => {
    for (const [, target, text, , , format] of cases) {
      for (const problem of problemsOf(target, text, format)) {
        expect(IMPORT_PROBLEM_CODES, `${problem.field}: ${problem.message}`).toContain(problem.code);
      }
    }
  });

  it('reports a line over the size limit with its size', () => {
    const checked = createLineChecker(ranking)({ line: 3, tooLong: 20_000_000 });
    if (!checked || !('problems' in checked)) throw new Error('accepted');
    expect(reportedProblem(3, checked.problems[0] as never)).toMatchObject({
      code: 'line_too_long',
      params: { bytes: 20_000_000, limit: 16 },
    });
  });

  it('stores the values quoted from a line without the characters PostgreSQL refuses', () => {
    const problem = reportedProblem(1, { field: 'id', message: 'x', code: 'duplicate_id', params: { id: 'a\u0000b' } });
    expect(String(problem.params?.id)).not.toContain('\u0000');
  });
});
