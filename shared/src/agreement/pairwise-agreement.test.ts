import { describe, expect, it } from 'vitest';
import type { AgreementRecord } from './agreement-record.ts';
import { pairwiseAgreement } from './pairwise-agreement.ts';
import { pairRelations } from './ranking-relations.ts';

// Item i1 ranks outputs A, B, C; item i2 is a pairwise comparison of P and Q.
const records: AgreementRecord[] = [
  { unit: 'i1', annotator: 'x', value: ['A', 'B', 'C'] },
  { unit: 'i1', annotator: 'y', value: ['B', 'A', 'C'] },
  { unit: 'i1', annotator: 'z', value: [['A', 'B'], 'C'] },
  { unit: 'i2', annotator: 'x', value: ['P', 'Q'] },
  { unit: 'i2', annotator: 'y', value: ['P', 'Q'] },
];

describe('pairRelations', () => {
  it('gives the C(K,2) pairs of a ranking in id order, ties included', () => {
    expect([...pairRelations([['B'], ['A', 'C']])]).toEqual([
      ['["A","B"]', 'second-better'],
      ['["A","C"]', 'tie'],
      ['["B","C"]', 'first-better'],
    ]);
  });
});

describe('pairwiseAgreement', () => {
  it('counts a tie as a judgement by default: tie against a strict order disagrees', () => {
    // i1: x/y agree on AC and BC, not AB -> 2/3; x/z and y/z: AB is strict vs tie -> 2/3 each; item mean 2/3.
    // i2: x/y agree -> 1. Project: (2/3 + 1) / 2 = 5/6.
    const result = pairwiseAgreement(records);
    expect(result.value).toBeCloseTo(5 / 6, 12);
    expect(result).toMatchObject({ units: 2, annotators: 3, ties: 'judgement', comparisons: 3 * 3 + 1 });
    expect(result.annotatorPairs).toContainEqual({
      annotators: ['x', 'y'],
      items: 2,
      agreement: expect.closeTo(5 / 6, 12),
    });
  });

  it('leaves out pairs that either annotator tied under the skip policy', () => {
    // i1: x/y 2/3; x/z and y/z compare AC, BC only -> 1 each; item mean (2/3 + 1 + 1) / 3 = 8/9. Project (8/9 + 1) / 2.
    expect(pairwiseAgreement(records, { ties: 'skip' }).value).toBeCloseTo(17 / 18, 12);
  });

  it('corrects for chance with nominal alpha over (item, output pair) units', () => {
    // Units: i1/AB {first, second, tie}, i1/AC {f, f, f}, i1/BC {f, f, f}, i2/PQ {f, f}.
    // Coincidences: o_ff = 3 + 3 + 2 = 8, o_fs = o_ft = o_st = 1/2 (each both ways); n_f = 9, n_s = n_t = 1, n = 11.
    // alpha = 1 - (n - 1)(n - sum o_cc) / (n^2 - sum n_c^2) = 1 - 10 * 3 / (121 - 83) = 8/38 (Krippendorff 2011, nominal).
    expect(pairwiseAgreement(records).alpha).toBeCloseTo(8 / 38, 12);
  });

  it('compares only the outputs both annotators ranked', () => {
    const partial: AgreementRecord[] = [
      { unit: 'i1', annotator: 'x', value: ['A', 'B', 'C'] },
      { unit: 'i1', annotator: 'y', value: ['C', 'A'] },
    ];
    const result = pairwiseAgreement(partial);
    expect(result.comparisons).toBe(1);
    expect(result.value).toBe(0);
  });

  it('refuses values that are not rankings and rankings that place an output twice', () => {
    expect(() => pairwiseAgreement([{ unit: 'i1', annotator: 'x', value: 3 }])).toThrow(/needs ranking values/);
    expect(() => pairwiseAgreement([{ unit: 'i1', annotator: 'x', value: ['A', ['A', 'B']] }])).toThrow(
      'unit "i1", annotator "x": an output is ranked twice',
    );
  });
});
