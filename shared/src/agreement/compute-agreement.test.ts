import { describe, expect, it } from 'vitest';
import { AGREEMENT_METRICS, type AgreementRecord } from './agreement-record.ts';
import { computeAgreement } from './compute-agreement.ts';
import { krippendorffAlpha } from './krippendorff-alpha.ts';
import { krippendorff2011, recordsFromMatrix } from './published-datasets.fixtures.ts';

const numeric = recordsFromMatrix({ a: [1, 2, 3, 4, 5, 2], b: [1, 2, 4, 4, 5, 1] });
const rankings: AgreementRecord[] = [
  { unit: 'i1', annotator: 'a', value: ['A', 'B', 'C'] },
  { unit: 'i1', annotator: 'b', value: ['A', 'C', 'B'] },
  { unit: 'i2', annotator: 'a', value: ['A', 'B'] },
  { unit: 'i2', annotator: 'b', value: ['B', 'A'] },
];

describe('computeAgreement', () => {
  it.each(AGREEMENT_METRICS)('returns metric, value, units and annotators for %s', (metric) => {
    const result = computeAgreement(metric === 'pairwise-agreement' ? rankings : numeric, { metric });
    expect(result).toMatchObject({ metric, units: expect.any(Number), annotators: 2 });
    expect(result.value).toEqual(expect.any(Number));
  });

  it('passes the level to Krippendorff’s alpha', () => {
    const records = recordsFromMatrix(krippendorff2011);
    const result = computeAgreement(records, { metric: 'krippendorff-alpha', level: 'ordinal' });
    expect(result.value).toBeCloseTo(0.815, 3);
    expect(result.metric === 'krippendorff-alpha' && result.level).toBe('ordinal');
  });

  it('adds a reproducible bootstrap interval when asked', () => {
    const records = recordsFromMatrix(krippendorff2011);
    const options = {
      metric: 'krippendorff-alpha',
      level: 'interval',
      bootstrap: { replicates: 300, seed: 11 },
    } as const;
    const result = computeAgreement(records, options);
    expect(result.ci).toEqual(computeAgreement(records, options).ci);
    expect(result.bootstrap).toMatchObject({ replicates: 300, seed: 11, confidence: 0.95 });
    expect(result.value).toBe(krippendorffAlpha(records, { level: 'interval' }).value);
  });

  it('refuses an option meant for another metric', () => {
    expect(() => computeAgreement(numeric, { metric: 'fleiss-kappa', level: 'interval' })).toThrow(
      'level applies to krippendorff-alpha only, not fleiss-kappa',
    );
  });
});
