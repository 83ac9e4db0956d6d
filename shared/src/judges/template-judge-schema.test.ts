import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../answers.ts';
import { questionSchema } from '../questions/unions.ts';
import { QUESTION_TYPES, type Question } from '../template.ts';
import { judgeResponseFormat, readJudgeReply, templateJudgeSchema } from './template-judge-schema.ts';

const labels = ['A', 'B'];
/** One question of every type, with its options narrowed where the schema should follow them. */
const questions: Question[] = [
  { id: 'reply', type: 'demonstration', label: 'Write', variant: 'rewrite', minLength: 3 },
  { id: 'rank', type: 'ranking', label: 'Rank', allowTies: false },
  { id: 'pair', type: 'pairwise', label: 'Which', allowTie: false, askSafety: true },
  { id: 'quality', type: 'rating', label: 'Quality', min: 1, max: 5 },
  { id: 'attrs', type: 'attributes', label: 'Attributes', attributes: [{ id: 'helpfulness', label: 'Helpfulness' }] },
  { id: 'flags', type: 'flags', label: 'Flags', flags: [{ id: 'unsafe', label: 'Unsafe' }] },
  { id: 'why', type: 'rationale', label: 'Why', required: false },
  {
    id: 'topic',
    type: 'classification',
    label: 'Topic',
    options: [
      { id: 'code', label: 'Code' },
      { id: 'chat', label: 'Chat' },
    ],
  },
  { id: 'best', type: 'best-of-k', label: 'Best', allowNone: false },
].map((q) => questionSchema.parse(q));

/** A complete, valid answer in the judge's labels. */
const valid: Answers = {
  reply: { type: 'demonstration', text: 'Better text', sourceOutputId: 'B' },
  rank: { type: 'ranking', groups: [['B'], ['A']] },
  pair: { type: 'pairwise', verdict: 'preferred', preferred: 'A', strength: 'better', safe: { A: true, B: false } },
  quality: { type: 'rating', values: { A: 4, B: 2 } },
  attrs: { type: 'attributes', values: { A: { helpfulness: 3 }, B: { helpfulness: 1 } } },
  flags: { type: 'flags', values: { A: [], B: ['unsafe'] } },
  topic: { type: 'classification', selected: ['code'] },
  best: { type: 'best-of-k', choice: 'B' },
};

const validate = new Ajv({ strict: false }).compile(templateJudgeSchema(questions, labels));

describe('templateJudgeSchema', () => {
  it('covers every question type (a type added without a judge schema would not compile)', () => {
    expect(new Set(questions.map((q) => q.type))).toEqual(new Set(QUESTION_TYPES));
  });

  it('accepts a valid answer to every question type, which the answer checks accept too', () => {
    expect(validate(valid), JSON.stringify(validate.errors)).toBe(true);
    expect(readJudgeReply(JSON.stringify(valid), questions, labels)).toEqual({ ok: true, answers: valid });
  });

  it.each([
    ['an output id the judge was not shown', { rank: { type: 'ranking', groups: [['C'], ['A']] } }],
    ['a tie where ties are not allowed', { rank: { type: 'ranking', groups: [['A', 'B']] } }],
    [
      'a verdict the question does not offer',
      { pair: { type: 'pairwise', verdict: 'tie', safe: { A: true, B: true } } },
    ],
    ['a rating off the scale', { quality: { type: 'rating', values: { A: 6, B: 2 } } }],
    ['an unknown flag', { flags: { type: 'flags', values: { A: ['rude'], B: [] } } }],
    ['two options of a single-choice question', { topic: { type: 'classification', selected: ['code', 'chat'] } }],
    ['"none" where it is not offered', { best: { type: 'best-of-k', choice: null } }],
    ['a field the answer does not have', { quality: { type: 'rating', values: { A: 1, B: 1 }, extra: 1 } }],
  ])('refuses %s', (_, change) => {
    expect(validate({ ...valid, ...change })).toBe(false);
  });

  it('requires the required questions only', () => {
    const { why: _why, ...withoutOptional } = valid;
    expect(validate(withoutOptional)).toBe(true);
    const { rank: _rank, ...withoutRequired } = valid;
    expect(validate(withoutRequired)).toBe(false);
  });

  it('travels as an OpenAI json_schema response format', () => {
    const format = judgeResponseFormat(questions, labels);
    expect(format.type).toBe('json_schema');
    expect(format.json_schema.name).toMatch(/^[a-zA-Z0-9_-]+$/);
  });
});

describe('readJudgeReply', () => {
  it('reports a reply that is not JSON', () => {
    const reply = readJudgeReply('The best is A.', questions, labels);
    expect(reply.ok).toBe(false);
    expect(reply.ok ? '' : reply.problems[0]?.message).toMatch(/not JSON/);
  });

  it('checks a reply like a human submission: a missing output is named with its path', () => {
    const reply = readJudgeReply(
      JSON.stringify({ ...valid, quality: { type: 'rating', values: { A: 4 } } }),
      questions,
      labels,
    );
    expect(reply).toEqual({
      ok: false,
      problems: [{ path: ['quality', 'values', 'B'], message: 'rate every output for "Quality"', outputId: 'B' }],
    });
  });

  it('drops optional fields a model sends as null, but keeps best-of-K\'s "none"', () => {
    const withNulls = { ...valid, pair: { ...valid.pair, extra: undefined }, why: null };
    const reply = readJudgeReply(JSON.stringify(withNulls), questions, labels);
    expect(reply.ok).toBe(true);
    const noneAllowed = questions.map((q) => (q.type === 'best-of-k' ? { ...q, allowNone: true } : q));
    const none = readJudgeReply(
      JSON.stringify({ ...valid, best: { type: 'best-of-k', choice: null } }),
      noneAllowed,
      labels,
    );
    expect(none.ok && none.answers.best).toEqual({ type: 'best-of-k', choice: null });
  });
});
