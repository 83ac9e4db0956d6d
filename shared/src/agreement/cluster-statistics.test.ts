import { describe, expect, it } from 'vitest';
import type { AgreementRecord } from './agreement-record.ts';
import { bootstrapClusters } from './bootstrap-interval.ts';
import { clusterCoincidences, drawnAlpha, drawnMean } from './cluster-statistics.ts';
import { computeAgreement } from './compute-agreement.ts';
import { krippendorffAlpha } from './krippendorff-alpha.ts';
import { compareRankings } from './pairwise-agreement.ts';
import { krippendorff2011, recordsFromMatrix } from './published-datasets.fixtures.ts';

const everything = (clusters: number) => new Float64Array(clusters).fill(1);

describe('drawnAlpha', () => {
  // Krippendorff (2011) data with its 12 units split over 4 clusters (items) of 3 units each.
  const columns = Array.from({ length: 12 }, (_, u) =>
    Object.values(krippendorff2011).flatMap((row) => (row[u] === null ? [] : [row[u] as number])),
  );
  const clusters = [0, 1, 2, 3].map((c) => columns.slice(c * 3, c * 3 + 3));
  const coincidences = clusterCoincidences(clusters);

  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)('adds per-cluster coincidences up to the published %s alpha %s', (level, published) => {
    const value = drawnAlpha(coincidences, level)(everything(4));
    expect(value).toBeCloseTo(published, 3);
    expect(value).toBeCloseTo(krippendorffAlpha(recordsFromMatrix(krippendorff2011), { level }).value, 12);
  });

  it.each(['nominal', 'ordinal', 'interval', 'ratio'] as const)(
    'is undefined (NaN) for %s data with one value only',
    (level) => {
      const same = clusterCoincidences([[[3, 3]], [[3, 3, 3]]]);
      expect(drawnAlpha(same, level)(everything(2))).toBeNaN();
      expect(drawnAlpha(same, level)(new Float64Array([0, 0]))).toBeNaN();
    },
  );

  it('counts a cluster drawn twice twice', () => {
    // Drawing clusters 0 and 0 is the data of cluster 0 duplicated under new unit names.
    const twice = recordsFromMatrix(krippendorff2011).flatMap((r) =>
      ['u1', 'u2', 'u3'].includes(r.unit) ? [r, { ...r, unit: `${r.unit}'` }] : [],
    );
    const draws = new Float64Array([2, 0, 0, 0]);
    expect(drawnAlpha(coincidences, 'interval')(draws)).toBeCloseTo(
      krippendorffAlpha(twice, { level: 'interval' }).value,
      12,
    );
  });
});

describe('drawnMean', () => {
  it('weights values by draws and leaves out NaN', () => {
    const mean = drawnMean([1, Number.NaN, 0.5]);
    expect(mean(new Float64Array([1, 1, 1]))).toBe(0.75);
    expect(mean(new Float64Array([0, 3, 2]))).toBe(0.5);
    expect(mean(new Float64Array([0, 1, 0]))).toBeNaN();
  });
});

describe('bootstrapClusters', () => {
  it('gives exactly the interval of the record bootstrap when clusters are the units in id order', () => {
    const rankings: AgreementRecord[] = [];
    const orders = [
      ['A', 'B', 'C'],
      ['B', 'A', 'C'],
      ['A', 'C', 'B'],
      ['C', 'B', 'A'],
    ];
    for (let item = 0; item < 30; item++) {
      for (let annotator = 0; annotator < 3; annotator++) {
        const value = orders[(item * (annotator + 1)) % 4] as string[];
        rankings.push({ unit: `item-${String(item).padStart(2, '0')}`, annotator: `a${annotator}`, value });
      }
    }
    const bootstrap = { replicates: 300, seed: 5 };
    const expected = computeAgreement(rankings, { metric: 'pairwise-agreement', bootstrap });
    const { items } = compareRankings(rankings, 'judgement');
    const mean = drawnMean(items.map((i) => i.agreement));
    expect(mean(everything(items.length))).toBeCloseTo(expected.value, 12);
    expect(bootstrapClusters(items.length, mean, bootstrap).ci).toEqual(
      expected.ci?.map((bound) => expect.closeTo(bound, 12)),
    );
  });
});

describe('compareRankings', () => {
  it('gives each item its agreement and the coincidences of its output pairs', () => {
    const records: AgreementRecord[] = [
      { unit: 'i1', annotator: 'x', value: ['A', 'B', 'C'] },
      { unit: 'i1', annotator: 'y', value: ['B', 'A', 'C'] },
      { unit: 'i1', annotator: 'z', value: [['A', 'B'], 'C'] },
      { unit: 'i2', annotator: 'x', value: ['P', 'Q'] },
      { unit: 'i2', annotator: 'y', value: ['P', 'Q'] },
      { unit: 'i3', annotator: 'x', value: ['P', 'Q'] },
    ];
    const compared = compareRankings(records, 'judgement');
    expect(compared.items.map((i) => [i.unit, i.agreement, i.comparisons])).toEqual([
      ['i1', expect.closeTo(2 / 3, 12), 9],
      ['i2', 1, 1],
      ['i3', Number.NaN, 0],
    ]);
    // i2's only pair: two first-better values, o_ff = 2 * 1 / 1 = 2.
    expect([...compared.itemCoincidences.subarray(9, 18)]).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0]);
    // Same as pairwiseAgreement's hand-computed alpha of 8/38 (pairwise-agreement.test.ts).
    const coincidences = { categories: ['first-better', 'second-better', 'tie'], matrices: compared.itemCoincidences };
    expect(drawnAlpha(coincidences, 'nominal')(everything(3))).toBeCloseTo(8 / 38, 12);
  });
});
