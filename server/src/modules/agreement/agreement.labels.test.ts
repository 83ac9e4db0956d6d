import { findPreset, INSTRUCTGPT_FLAGS, type Question } from '@feedbench/shared';
import { describe, expect, it } from 'vitest';
import { labelDistributions } from './agreement.labels.ts';

const instructgpt = findPreset('instructgpt-ranking')?.questions ?? [];
const sft = findPreset('sft-demonstration')?.questions ?? [];

describe('labelDistributions', () => {
  it('counts each flag once per output it was ticked on, out of the outputs judged, zeros included', () => {
    const [flags] = labelDistributions(instructgpt, [
      { answers: { metadata: { type: 'flags', values: { a: ['hallucination'], b: ['hallucination', 'sexual'] } } } },
      { answers: { metadata: { type: 'flags', values: { a: [], b: ['hallucination'], c: ['gone-from-template'] } } } },
    ]);
    expect(flags).toMatchObject({ questionId: 'metadata', type: 'flags', judged: 5 });
    expect(flags?.labels).toHaveLength(INSTRUCTGPT_FLAGS.length);
    const count = (id: string) => flags?.labels.find((l) => l.id === id)?.count;
    expect([count('hallucination'), count('sexual'), count('violent')]).toEqual([3, 1, 0]);
  });

  it('counts classification options per annotation, every option listed in template order', () => {
    const [category] = labelDistributions(sft, [
      { answers: { category: { type: 'classification', selected: ['chat'] } } },
      { answers: { category: { type: 'classification', selected: ['chat'] } } },
      { answers: { category: { type: 'classification', selected: ['rewrite'] } } },
      { answers: {} },
    ]);
    expect(category).toMatchObject({ questionId: 'category', type: 'classification', judged: 3 });
    const classification = sft[0] as Extract<Question, { type: 'classification' }>;
    expect(category?.labels.map((l) => l.id)).toEqual(classification.options.map((o) => o.id));
    expect(category?.labels.filter((l) => l.count > 0)).toEqual([
      { id: 'chat', label: 'Chat', count: 2 },
      { id: 'rewrite', label: 'Rewrite', count: 1 },
    ]);
  });

  it('lists nothing for templates without flags or classification questions', () => {
    expect(labelDistributions(findPreset('llama2-pairwise')?.questions ?? [], [])).toEqual([]);
  });
});
