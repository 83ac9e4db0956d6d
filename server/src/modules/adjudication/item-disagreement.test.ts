import { type Answer, type Question, questionSchema } from '@feedbench/shared';
import { describe, expect, it } from 'vitest';
import { type DisagreementQuestion, itemDisagreement, mainQuestion } from './item-disagreement.ts';

const question = (input: Record<string, unknown>) =>
  questionSchema.parse({ id: 'q', label: 'Q', ...input }) as DisagreementQuestion;
const ranking = (...groups: string[][]): Answer => ({ type: 'ranking', groups });

describe('itemDisagreement', () => {
  it('is 1 - pairwise ranking agreement for rankings', () => {
    const q = question({ type: 'ranking' });
    expect(itemDisagreement(q, [ranking(['a'], ['b'], ['c']), ranking(['a'], ['b'], ['c'])])).toBe(0);
    expect(itemDisagreement(q, [ranking(['a'], ['b'], ['c']), ranking(['c'], ['b'], ['a'])])).toBe(1);
    // Pairs (a,b) (a,c) (b,c): the second annotator swaps b and c only, so one pair in three disagrees.
    expect(itemDisagreement(q, [ranking(['a'], ['b'], ['c']), ranking(['a'], ['c'], ['b'])])).toBeCloseTo(1 / 3);
    // A tie is a judgement of its own: tie vs strict order disagrees.
    expect(itemDisagreement(q, [ranking(['a', 'b']), ranking(['a'], ['b'])])).toBe(1);
  });

  it('is the share outside the majority for pairwise verdicts, strength aside', () => {
    const q = question({ type: 'pairwise' });
    const prefer = (preferred: string, strength = 'better'): Answer =>
      ({ type: 'pairwise', verdict: 'preferred', preferred, strength }) as Answer;
    expect(itemDisagreement(q, [prefer('a'), prefer('a', 'slightly-better')])).toBe(0);
    expect(itemDisagreement(q, [prefer('a'), prefer('b'), prefer('a')])).toBeCloseTo(1 / 3);
    expect(itemDisagreement(q, [prefer('a'), { type: 'pairwise', verdict: 'tie' }])).toBe(0.5);
  });

  it('is the share disagreeing with the most common label set for classification', () => {
    const q = question({
      type: 'classification',
      multiple: true,
      options: [
        { id: 'x', label: 'X' },
        { id: 'y', label: 'Y' },
      ],
    });
    const pick = (...selected: string[]): Answer => ({ type: 'classification', selected });
    expect(itemDisagreement(q, [pick('x', 'y'), pick('y', 'x')])).toBe(0);
    expect(itemDisagreement(q, [pick('x'), pick('x'), pick('y'), pick('x', 'y')])).toBe(0.5);
  });

  it('is the mean rating range over the scale width for ratings', () => {
    const q = question({ type: 'rating', min: 1, max: 7 });
    const rate = (values: Record<string, number>): Answer => ({ type: 'rating', values });
    expect(itemDisagreement(q, [rate({ a: 1, b: 4 }), rate({ a: 7, b: 4 })])).toBeCloseTo(0.5);
    expect(itemDisagreement(q, [rate({ a: 3 }), rate({ a: 3 }), rate({ a: 3 })])).toBe(0);
  });

  it('is the share of best-of-K picks off the most common pick, "none" a pick like any output', () => {
    const q = question({ type: 'best-of-k' });
    const pick = (choice: string | null): Answer => ({ type: 'best-of-k', choice });
    expect(itemDisagreement(q, [pick('a'), pick('a'), pick('b')])).toBeCloseTo(1 / 3);
    expect(itemDisagreement(q, [pick(null), pick(null), pick('a'), pick('b')])).toBeCloseTo(1 / 2);
    expect(itemDisagreement(q, [pick('c'), pick('c')])).toBe(0);
  });

  it('is undefined (NaN) with fewer than two answers of the question type', () => {
    const q = question({ type: 'ranking' });
    expect(itemDisagreement(q, [ranking(['a'], ['b'])])).toBeNaN();
    expect(itemDisagreement(q, [ranking(['a'], ['b']), { type: 'rationale', text: 'x' }, undefined])).toBeNaN();
  });
});

describe('mainQuestion', () => {
  it('is the first question of a scorable type', () => {
    const questions = [
      questionSchema.parse({ id: 'why', label: 'Why', type: 'rationale' }),
      questionSchema.parse({ id: 'rate', label: 'Rate', type: 'rating' }),
      questionSchema.parse({ id: 'rank', label: 'Rank', type: 'ranking' }),
    ] as Question[];
    expect(mainQuestion(questions)?.id).toBe('rate');
    expect(mainQuestion(questions.slice(0, 1))).toBeUndefined();
  });
});
