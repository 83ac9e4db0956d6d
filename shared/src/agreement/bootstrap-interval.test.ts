import { describe, expect, it } from 'vitest';
import { bootstrapInterval, quantile } from './bootstrap-interval.ts';
import { cohenKappa } from './cohen-kappa.ts';
import { krippendorffAlpha } from './krippendorff-alpha.ts';
import { krippendorff2011, recordsFromMatrix } from './published-datasets.fixtures.ts';

const records = recordsFromMatrix(krippendorff2011);
const alpha = (r: Parameters<typeof krippendorffAlpha>[0]) => krippendorffAlpha(r, { level: 'interval' }).value;

describe('quantile', () => {
  it('interpolates between order statistics like R type 7 and numpy', () => {
    // numpy.quantile([1, 2, 3, 4], 0.25) = 1.75
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
  });
});

describe('bootstrapInterval', () => {
  it('gives the same interval for the same seed, whatever order the records come in', () => {
    const first = bootstrapInterval(records, alpha, { replicates: 500, seed: 7 });
    const again = bootstrapInterval([...records].reverse(), alpha, { replicates: 500, seed: 7 });
    expect(again.ci).toEqual(first.ci);
    expect(bootstrapInterval(records, alpha, { replicates: 500, seed: 8 }).ci).not.toEqual(first.ci);
  });

  it('brackets the point estimate of Krippendorff 2011 data and stays within alpha’s range', () => {
    const { ci, confidence } = bootstrapInterval(records, alpha, { replicates: 1000, seed: 1 });
    expect(confidence).toBe(0.95);
    expect(ci[0]).toBeLessThan(0.849);
    expect(ci[1]).toBeGreaterThan(0.849);
    expect(ci[1]).toBeLessThanOrEqual(1);
  });

  it('counts resamples where the metric is undefined instead of failing', () => {
    // Only u1 is rated by both annotators, with the same value: every resample has kappa 0/0 (undefined).
    const sparse = recordsFromMatrix({ a: ['x', 'y', null], b: ['x', null, 'y'] });
    const result = bootstrapInterval(sparse, (r) => cohenKappa(r).value, { replicates: 200, seed: 3 });
    expect(result.undefinedReplicates).toBe(200);
    expect(result.ci.every(Number.isNaN)).toBe(true);
  });

  it('refuses a replicate count that is not a positive integer', () => {
    expect(() => bootstrapInterval(records, alpha, { replicates: 0, seed: 1 })).toThrow(/positive integer/);
    expect(() => bootstrapInterval(records, alpha, { replicates: 10, seed: 1.5 })).toThrow(/seed must be an integer/);
  });
});
