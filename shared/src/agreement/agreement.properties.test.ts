import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgreementRecord, MeasurementLevel, RankingValue } from './agreement-record.ts';
import { cohenKappa } from './cohen-kappa.ts';
import { type AgreementOptions, computeAgreement } from './compute-agreement.ts';
import { fleissKappa } from './fleiss-kappa.ts';
import { kendallTau } from './kendall-tau.ts';
import { kendallW } from './kendall-w.ts';
import { krippendorffAlpha } from './krippendorff-alpha.ts';
import { mulberry32 } from './mulberry32.ts';
import { pairwiseAgreement } from './pairwise-agreement.ts';
import { recordsFromMatrix } from './published-datasets.fixtures.ts';

const LEVELS: MeasurementLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

/** A units x annotators table of values 1..5 with some cells missing. */
const sparseTable = fc.integer({ min: 2, max: 5 }).chain((annotators) =>
  fc.array(
    fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { freq: 4, nil: null }), {
      minLength: annotators,
      maxLength: annotators,
    }),
    {
      minLength: 2,
      maxLength: 12,
    },
  ),
);

/** Each unit has one true value; every annotator who rates it gives exactly that value. */
const unanimousTable = fc
  .tuple(
    fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 12 }),
    fc.integer({ min: 2, max: 5 }),
    fc.integer(),
  )
  .map(([truth, annotators, seed]) => {
    const random = mulberry32(seed);
    // At least two annotators per unit (so the unit is pairable), the others present at random.
    return truth.map((value) => Array.from({ length: annotators }, (_, a) => (a < 2 || random() < 0.6 ? value : null)));
  });

function toRecords(table: readonly (readonly (number | null)[])[]): AgreementRecord[] {
  return table.flatMap((row, u) =>
    row.flatMap((value, a) => (value === null ? [] : [{ unit: `u${u}`, annotator: `a${a}`, value }])),
  );
}

const distinctValues = (table: readonly (readonly (number | null)[])[]) =>
  new Set(table.flat().filter((v) => v !== null)).size;

/** Shuffles record order and renames units and annotators by a seeded bijection (which also changes their sort order). */
function scramble(records: readonly AgreementRecord[], seed: number): AgreementRecord[] {
  const random = mulberry32(seed);
  const shuffled = [...records];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as AgreementRecord, shuffled[i] as AgreementRecord];
  }
  const rename = (prefix: string, ids: string[]) => {
    const order = [...ids].sort(() => random() - 0.5);
    return new Map(ids.map((id, i) => [id, `${prefix}${order[i]}`]));
  };
  const units = rename('unit-', [...new Set(records.map((r) => r.unit))]);
  const annotators = rename('rater-', [...new Set(records.map((r) => r.annotator))]);
  return shuffled.map((r) => ({
    unit: units.get(r.unit) as string,
    annotator: annotators.get(r.annotator) as string,
    value: r.value,
  }));
}

function expectSameNumber(actual: number, expected: number) {
  if (Number.isNaN(expected)) expect(actual).toBeNaN();
  else expect(actual).toBeCloseTo(expected, 10);
}

describe('perfect agreement gives 1', () => {
  it.each(LEVELS)('Krippendorff’s alpha (%s), whatever is missing', (level) => {
    fc.assert(
      fc.property(unanimousTable, (table) => {
        fc.pre(distinctValues(table) >= 2);
        expect(krippendorffAlpha(toRecords(table), { level }).value).toBeCloseTo(1, 12);
      }),
    );
  });

  it('Fleiss’ kappa', () => {
    fc.assert(
      fc.property(unanimousTable, (table) => {
        fc.pre(distinctValues(table) >= 2);
        expect(fleissKappa(toRecords(table)).value).toBeCloseTo(1, 12);
      }),
    );
  });

  it('Cohen’s kappa, unweighted and weighted, and Kendall’s tau-b', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 30 }), (values) => {
        fc.pre(new Set(values).size >= 2);
        const records = recordsFromMatrix({ a: values, b: values });
        expect(cohenKappa(records).value).toBeCloseTo(1, 12);
        expect(cohenKappa(records, { weights: 'linear' }).value).toBeCloseTo(1, 12);
        expect(cohenKappa(records, { weights: 'quadratic' }).value).toBeCloseTo(1, 12);
        expect(kendallTau(records).value).toBeCloseTo(1, 12);
      }),
    );
  });

  it('Kendall’s W with tie correction, even when the shared ranking has ties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 15 }),
        fc.integer({ min: 2, max: 6 }),
        (values, annotators) => {
          fc.pre(new Set(values).size >= 2);
          const rows = Object.fromEntries(Array.from({ length: annotators }, (_, a) => [`a${a}`, values]));
          expect(kendallW(recordsFromMatrix(rows)).value).toBeCloseTo(1, 12);
        },
      ),
    );
  });

  it('pairwise ranking agreement', () => {
    const ranking = fc
      .uniqueArray(fc.constantFrom('A', 'B', 'C', 'D', 'E'), { minLength: 2, maxLength: 5 })
      .map((ids): RankingValue => (ids.length > 2 ? [ids[0] as string, ids.slice(1, 3), ...ids.slice(3)] : ids));
    fc.assert(
      fc.property(
        fc.array(ranking, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 2, max: 4 }),
        (items, annotators) => {
          const records = items.flatMap((value, i) =>
            Array.from({ length: annotators }, (_, a) => ({ unit: `i${i}`, annotator: `a${a}`, value })),
          );
          expect(pairwiseAgreement(records).value).toBe(1);
          expect(pairwiseAgreement(records, { ties: 'skip' }).value).toBe(1);
        },
      ),
    );
  });
});

describe('permuting records, annotators or units changes nothing', () => {
  const metrics: AgreementOptions[] = [
    ...LEVELS.map((level) => ({ metric: 'krippendorff-alpha', level }) as const),
    { metric: 'fleiss-kappa' },
    { metric: 'kendall-w' },
    { metric: 'kendall-w', correctTies: false },
  ];

  it.each(metrics)('%o', (options) => {
    fc.assert(
      fc.property(sparseTable, fc.integer(), (table, seed) => {
        const records = toRecords(table);
        expectSameNumber(
          computeAgreement(scramble(records, seed), options).value,
          computeAgreement(records, options).value,
        );
      }),
    );
  });

  it.each([
    { metric: 'cohen-kappa' },
    { metric: 'cohen-kappa', weights: 'linear' },
    { metric: 'cohen-kappa', weights: 'quadratic' },
    { metric: 'kendall-tau' },
  ] as AgreementOptions[])('two-annotator %o, including swapping the annotators', (options) => {
    const pair = fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })), {
      minLength: 2,
      maxLength: 25,
    });
    fc.assert(
      fc.property(pair, fc.integer(), (rows, seed) => {
        const records = recordsFromMatrix({ a: rows.map(([x]) => x), b: rows.map(([, y]) => y) });
        const swapped = recordsFromMatrix({ a: rows.map(([, y]) => y), b: rows.map(([x]) => x) });
        const expected = computeAgreement(records, options).value;
        expectSameNumber(computeAgreement(scramble(records, seed), options).value, expected);
        expectSameNumber(computeAgreement(swapped, options).value, expected);
      }),
    );
  });

  it('pairwise ranking agreement and its alpha', () => {
    const ranking = fc.shuffledSubarray(['A', 'B', 'C', 'D'], { minLength: 2 }) as fc.Arbitrary<RankingValue>;
    const item = fc.array(fc.option(ranking, { nil: null }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 6 }), fc.integer(), (items, seed) => {
        const records = items.flatMap((row, i) =>
          row.flatMap((value, a) => (value === null ? [] : [{ unit: `i${i}`, annotator: `a${a}`, value }])),
        );
        const expected = pairwiseAgreement(records);
        const scrambled = pairwiseAgreement(scramble(records, seed));
        expectSameNumber(scrambled.value, expected.value);
        expectSameNumber(scrambled.alpha, expected.alpha);
      }),
    );
  });
});

describe('Krippendorff’s alpha for two coders and nominal data', () => {
  it('equals (A_o - A_e) / (1 - A_e) with A_e = sum_c n_c (n_c - 1) / (n (n - 1)), computed from a plain count', () => {
    // Independent derivation (Krippendorff 2011, nominal data, two observers, no missing values): with N units and
    // n = 2N values, observed agreement A_o is the share of units where the coders agree, and expected agreement
    // A_e is the chance of drawing two equal values without replacement from the n pooled values.
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('x', 'y', 'z'), fc.constantFrom('x', 'y', 'z')), {
          minLength: 1,
          maxLength: 40,
        }),
        (units) => {
          const pooled = units.flat();
          const n = pooled.length;
          const counts = new Map<string, number>();
          for (const value of pooled) counts.set(value, (counts.get(value) ?? 0) + 1);
          fc.pre(counts.size >= 2);
          const observed = units.filter(([x, y]) => x === y).length / units.length;
          const expected = [...counts.values()].reduce((sum, c) => sum + c * (c - 1), 0) / (n * (n - 1));
          const records = recordsFromMatrix({ a: units.map(([x]) => x), b: units.map(([, y]) => y) });
          expect(krippendorffAlpha(records).value).toBeCloseTo((observed - expected) / (1 - expected), 12);
        },
      ),
    );
  });

  it('never exceeds 1', () => {
    fc.assert(
      fc.property(sparseTable, (table) => {
        for (const level of LEVELS) {
          const value = krippendorffAlpha(toRecords(table), { level }).value;
          if (!Number.isNaN(value)) expect(value).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });
});
