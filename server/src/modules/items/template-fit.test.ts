import { findPreset, type ImportLine, newQuestion, type Question, questionSchema } from '@feedbench/shared';
import { describe, expect, it } from 'vitest';
import { templateFitProblems } from './template-fit.ts';

const outputs = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `o${i}`, content: `Output ${i}` }));
const item = (overrides: Partial<ImportLine> = {}): ImportLine => ({ id: 'i1', prompt: 'Hello?', ...overrides });
const presetQuestions = (id: string) => findPreset(id)?.questions ?? [];
const demonstration = (variant: 'write' | 'rewrite' | 'continue'): Question[] => [
  questionSchema.parse({ id: 'reply', type: 'demonstration', label: 'Reply', variant }),
];

describe('templateFitProblems', () => {
  it('asks a ranking question for 2 to 9 outputs, naming the question', () => {
    const questions = presetQuestions('instructgpt-ranking');
    expect(templateFitProblems('ranking', questions, item({ outputs: outputs(4) }))).toEqual([]);
    const problems = templateFitProblems('ranking', questions, item({ outputs: outputs(1) }));
    expect(problems).toContainEqual({
      field: 'outputs',
      message: 'question "rank" (ranking) needs 2 to 9 outputs, got 1',
      code: 'output_count',
      params: { min: 2, max: 9, count: 1, question: 'rank' },
    });
  });

  it('asks a Llama 2 pairwise question for exactly two outputs', () => {
    const questions = presetQuestions('llama2-pairwise');
    expect(templateFitProblems('ranking', questions, item({ outputs: outputs(2) }))).toEqual([]);
    expect(templateFitProblems('ranking', questions, item({ outputs: outputs(3) }))).toEqual([
      {
        field: 'outputs',
        message: 'question "preference" (pairwise) needs exactly 2 outputs, got 3',
        code: 'output_count',
        params: { min: 2, max: 2, count: 3, question: 'preference' },
      },
    ]);
  });

  it('asks a best-of-K question for 2 to 9 outputs to pick from', () => {
    const questions = [newQuestion('best-of-k', 'best')];
    expect(templateFitProblems('ranking', questions, item({ outputs: outputs(3) }))).toEqual([]);
    expect(templateFitProblems('ranking', questions, item({ outputs: outputs(1) }))).toEqual([
      {
        field: 'outputs',
        message: 'question "best" (best-of-k) needs 2 to 9 outputs, got 1',
        code: 'output_count',
        params: { min: 2, max: 9, count: 1, question: 'best' },
      },
    ]);
    expect(templateFitProblems('ranking', questions, item({ outputs: outputs(10) }))).toEqual([
      {
        field: 'outputs',
        message: 'question "best" (best-of-k) needs 2 to 9 outputs, got 10',
        code: 'output_count',
        params: { min: 2, max: 9, count: 10, question: 'best' },
      },
    ]);
  });

  it('asks per-output ratings for at least one output', () => {
    const questions = presetQuestions('helpsteer-attributes');
    expect(templateFitProblems('ranking', questions, item({ outputs: outputs(1) }))).toEqual([]);
    expect(templateFitProblems('ranking', questions, item())).toEqual([
      {
        field: 'outputs',
        message: 'question "attributes" (attributes) needs at least 1 output, got 0',
        code: 'output_count',
        params: { min: 1, max: 9, count: 0, question: 'attributes' },
      },
    ]);
  });

  it('asks a rewrite demonstration for an output to rewrite, and a write demonstration for none', () => {
    expect(templateFitProblems('demonstration', demonstration('rewrite'), item())).toEqual([
      {
        field: 'outputs',
        message: 'question "reply" (rewrite demonstration) needs at least 1 output, got 0',
        code: 'output_count',
        params: { min: 1, max: 9, count: 0, question: 'reply' },
      },
    ]);
    expect(templateFitProblems('demonstration', demonstration('rewrite'), item({ outputs: outputs(1) }))).toEqual([]);
    expect(templateFitProblems('demonstration', demonstration('write'), item())).toEqual([]);
  });

  it('asks a continued conversation to end with a user turn, naming the last message', () => {
    const conversation = [
      { role: 'user' as const, content: 'Hi' },
      { role: 'assistant' as const, content: 'Hello!' },
    ];
    const problems = templateFitProblems('demonstration', demonstration('continue'), item({ prompt: conversation }));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe('prompt.1.role');
    expect(problems[0]?.message).toMatch(/must end with a user turn .*continues it.*not assistant/);
    const answered = [...conversation, { role: 'user' as const, content: 'Go on.' }];
    expect(templateFitProblems('demonstration', demonstration('continue'), item({ prompt: answered }))).toEqual([]);
  });

  it('lets prompt-only templates (classification, rationale) take any conversation and no outputs', () => {
    const questions = [
      newQuestion('classification', 'category'),
      questionSchema.parse({ id: 'why', type: 'rationale', label: 'Why' }),
    ];
    const prompt = [{ role: 'assistant' as const, content: 'A lone assistant turn' }];
    expect(templateFitProblems('demonstration', questions, item({ prompt }))).toEqual([]);
  });

  it('still asks a ranking project with no output question for 2 to 9 outputs', () => {
    const questions = [newQuestion('classification', 'category')];
    expect(templateFitProblems('ranking', questions, item({ outputs: outputs(1) }))).toEqual([
      {
        field: 'outputs',
        message: 'a ranking project needs 2 to 9 outputs, got 1',
        code: 'output_count',
        params: { min: 2, max: 9, count: 1, kind: 'ranking' },
      },
    ]);
  });
});
