import { checkAnswers, findPreset } from '@feedbench/shared';
import { describe, expect, it } from 'vitest';
import { describeProblems } from './AnswerChecklist.tsx';

const outputs = [
  { id: 'model-x', label: 'A', content: '' },
  { id: 'model-y', label: 'B', content: '' },
];
const ids = outputs.map((o) => o.id);

describe('describeProblems', () => {
  it('names what is missing with display labels only, never output ids', () => {
    const questions = findPreset('helpsteer-attributes')?.questions ?? [];
    const lines = describeProblems(
      checkAnswers(questions, ids, { attributes: { type: 'attributes', values: { 'model-x': { helpfulness: 2 } } } }),
      questions,
      outputs,
    );
    expect(lines).toContain('Rate each attribute (0-4) — Correctness: rate outputs A, B');
    expect(lines).toContain('Rate each attribute (0-4) — Helpfulness: rate output B');
    expect(lines.join('\n')).not.toContain('model-');
  });

  it('asks for the pairwise choice, then for the safety of each output', () => {
    const questions = findPreset('llama2-pairwise')?.questions ?? [];
    expect(describeProblems(checkAnswers(questions, ids, {}), questions, outputs)).toEqual([
      '"Which response is more helpful?" is required',
    ]);
    const chosen = { preference: { type: 'pairwise' as const, verdict: 'tie' as const, safe: { 'model-y': true } } };
    expect(describeProblems(checkAnswers(questions, ids, chosen), questions, outputs)).toEqual([
      'Which response is more helpful?: mark output A safe or unsafe',
    ]);
  });
});
