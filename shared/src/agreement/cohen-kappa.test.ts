import { describe, expect, it } from 'vitest';
import { cohenKappa } from './cohen-kappa.ts';
import { recordsFromMatrix, recordsFromTwoVectors, runs } from './published-datasets.fixtures.ts';

// Reference values: scikit-learn sklearn/metrics/tests/test_classification.py, test_cohen_kappa, whose label
// vectors reproduce Artstein and Poesio (2008), "Inter-coder agreement for computational linguistics", tables 1 and 4.
describe('cohenKappa', () => {
  it('matches scikit-learn on Artstein & Poesio table 1: kappa = 0.348', () => {
    const a = runs([0, 40], [1, 60]);
    const b = runs([0, 20], [1, 20], [0, 10], [1, 50]);
    expect(cohenKappa(recordsFromTwoVectors(a, b)).value).toBeCloseTo(0.348, 3);
    // By hand: p_o = 0.7, p_e = 0.4*0.3 + 0.6*0.7 = 0.54, kappa = 0.16 / 0.46 = 8/23.
    expect(cohenKappa(recordsFromTwoVectors(a, b)).value).toBeCloseTo(8 / 23, 12);
    expect(cohenKappa(recordsFromTwoVectors(b, a)).value).toBeCloseTo(8 / 23, 12);
  });

  it('matches scikit-learn on Artstein & Poesio table 4 (three classes): kappa = 0.8013', () => {
    const a = runs([0, 46], [1, 44], [2, 10]);
    const b = runs([0, 52], [1, 32], [2, 16]);
    expect(cohenKappa(recordsFromTwoVectors(a, b)).value).toBeCloseTo(0.8013, 4);
  });

  it('matches scikit-learn weighted kappa: none 0.9315, linear 0.9412, quadratic 0.9541', () => {
    const records = recordsFromTwoVectors(runs([0, 46], [1, 44], [2, 10]), runs([0, 50], [1, 40], [2, 10]));
    expect(cohenKappa(records).value).toBeCloseTo(0.9315, 4);
    expect(cohenKappa(records, { weights: 'linear' }).value).toBeCloseTo(0.9412, 4);
    expect(cohenKappa(records, { weights: 'quadratic' }).value).toBeCloseTo(0.9541, 4);
  });

  it('weights category positions, not the numbers themselves', () => {
    // Same data on the scale 1, 5, 100: positions 0, 1, 2 are unchanged, so the weighted kappas are too.
    const scale = [1, 5, 100];
    const a = runs([0, 46], [1, 44], [2, 10]).map((i) => scale[i] as number);
    const b = runs([0, 50], [1, 40], [2, 10]).map((i) => scale[i] as number);
    expect(cohenKappa(recordsFromTwoVectors(a, b), { weights: 'quadratic' }).value).toBeCloseTo(0.9541, 4);
  });

  it('compares only units both annotators rated', () => {
    const records = recordsFromMatrix({ a: ['x', 'y', 'x', null], b: ['x', 'y', null, 'y'] });
    const result = cohenKappa(records);
    expect(result.units).toBe(2);
    expect(result.value).toBe(1);
  });

  it('refuses anything but exactly two annotators, saying how many it found', () => {
    const three = recordsFromMatrix({ a: [1, 2], b: [1, 2], c: [2, 2] });
    expect(() => cohenKappa(three)).toThrow("Cohen's kappa compares exactly two annotators, but the records have 3");
  });

  it('refuses string categories when weighted', () => {
    const records = recordsFromMatrix({ a: ['low', 'high'], b: ['low', 'low'] });
    expect(() => cohenKappa(records, { weights: 'linear' })).toThrow(/linear-weighted Cohen's kappa needs number/);
  });
});
