import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '@feedbench/shared';
import { describe, expect, it } from 'vitest';
import { type ComparisonRows, DEFAULT_PRIOR, fitBradleyTerry } from './bradley-terry.ts';
import { type ComparisonSet, lengthDelta } from './comparisons.ts';
import { comparisonRows, rateModels } from './model-ratings.ts';

/**
 * Debian's python3 with python3-scipy (installed by .ci/run): the reference fit runs there, not in any Python the
 * machine happens to put first on PATH.
 */
const PYTHON = '/usr/bin/python3';
const REFERENCE = fileURLToPath(new URL('./bradley-terry.reference.py', import.meta.url));

function referenceFit(rows: ComparisonRows, models: number, lengthControlled: boolean): number[] {
  const table = Array.from({ length: rows.length }, (_, r) => [
    rows.a[r],
    rows.b[r],
    rows.n[r],
    rows.s[r],
    rows.delta?.[r] ?? 0,
  ]);
  const run = spawnSync(PYTHON, [REFERENCE], {
    input: JSON.stringify({ models, prior: DEFAULT_PRIOR, lengthControlled, rows: table }),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`reference fit failed: ${run.error?.message ?? run.stderr}`);
  return (JSON.parse(run.stdout) as { x: number[] }).x;
}

/**
 * A generated data set: `models` models with known strengths, items of 2-4 outputs of distinct models whose lengths
 * push the outcome (true length effect 0.8), each compared by one annotator; 10% ties.
 */
function generated(seed: number, models: number, itemCount: number): ComparisonSet {
  const random = mulberry32(seed);
  const truth = Array.from({ length: models }, (_, i) => (i - models / 2) * 0.4);
  const a: number[] = [];
  const b: number[] = [];
  const score: number[] = [];
  const delta: number[] = [];
  const clusterStart: number[] = [];
  for (let item = 0; item < itemCount; item++) {
    clusterStart.push(a.length);
    const i = Math.floor(random() * models);
    const j = (i + 1 + Math.floor(random() * (models - 1))) % models;
    const d = lengthDelta(50 + Math.floor(random() * 400), 50 + Math.floor(random() * 400));
    const p = 1 / (1 + Math.exp(-((truth[i] as number) - (truth[j] as number) + 0.8 * d)));
    const u = random();
    a.push(i);
    b.push(j);
    delta.push(d);
    score.push(u < 0.1 ? 0.5 : u < 0.1 + 0.9 * p ? 1 : 0);
  }
  clusterStart.push(a.length);
  return {
    models: truth.map((_, i) => `model-${i}`),
    a: Int32Array.from(a),
    b: Int32Array.from(b),
    score: Float64Array.from(score),
    delta: Float64Array.from(delta),
    clusterStart: Int32Array.from(clusterStart),
    meanLength: new Float64Array(models),
    annotations: itemCount,
    skipped: { noModel: 0, sameModel: 0, tiedInRanking: 0 },
  };
}

describe('Bradley-Terry fit', () => {
  it('matches scipy on the same penalized logistic model to 1e-6 (ties as half wins)', () => {
    const set = generated(7, 6, 600);
    const rows = comparisonRows(set, false, null);
    const fit = fitBradleyTerry(rows, 6);
    const reference = referenceFit(rows, 6, false);
    expect(reference).toHaveLength(6);
    for (let i = 0; i < 6; i++)
      expect(Math.abs((fit.strengths[i] as number) - (reference[i] as number))).toBeLessThan(1e-6);
    expect(fit.lengthCoefficient).toBeNull();
  });

  it('matches scipy with the length covariate (style control) to 1e-6, strengths and coefficient', () => {
    const set = generated(11, 5, 800);
    const rows = comparisonRows(set, true, null);
    const fit = fitBradleyTerry(rows, 5);
    const reference = referenceFit(rows, 5, true);
    expect(reference).toHaveLength(6);
    for (let i = 0; i < 5; i++)
      expect(Math.abs((fit.strengths[i] as number) - (reference[i] as number))).toBeLessThan(1e-6);
    expect(Math.abs((fit.lengthCoefficient as number) - (reference[5] as number))).toBeLessThan(1e-6);
    // The generated effect (0.8) is recovered roughly: the covariate is doing its job.
    expect(fit.lengthCoefficient as number).toBeGreaterThan(0.3);
  });

  it('matches scipy on weighted rows (a bootstrap resample) to 1e-6', () => {
    const set = generated(3, 4, 300);
    const random = mulberry32(5);
    const draws = new Int32Array(300);
    for (let d = 0; d < 300; d++) {
      const k = Math.floor(random() * 300);
      draws[k] = (draws[k] as number) + 1;
    }
    const rows = comparisonRows(set, true, draws);
    const fit = fitBradleyTerry(rows, 4);
    const reference = referenceFit(rows, 4, true);
    for (let i = 0; i < 4; i++)
      expect(Math.abs((fit.strengths[i] as number) - (reference[i] as number))).toBeLessThan(1e-6);
  });

  it('gives two models the closed form: theta = ±logit(share)/2 as the prior vanishes', () => {
    // 30 of 40 for model 0: without a prior, theta_0 - theta_1 = log(30/10); centred, each side is half of it.
    const rows: ComparisonRows = {
      length: 1,
      a: Int32Array.of(0),
      b: Int32Array.of(1),
      n: Float64Array.of(40),
      s: Float64Array.of(30),
      delta: null,
    };
    const fit = fitBradleyTerry(rows, 2, { prior: 1e-12 });
    expect(fit.strengths[0]).toBeCloseTo(Math.log(3) / 2, 9);
    expect(fit.strengths[1]).toBeCloseTo(-Math.log(3) / 2, 9);
  });

  it('keeps an unbeaten model finite and orders it first', () => {
    const rows: ComparisonRows = {
      length: 2,
      a: Int32Array.of(0, 1),
      b: Int32Array.of(1, 2),
      n: Float64Array.of(5, 5),
      s: Float64Array.of(5, 3),
      delta: null,
    };
    const fit = fitBradleyTerry(rows, 3);
    expect(Number.isFinite(fit.strengths[0])).toBe(true);
    expect(fit.strengths[0]).toBeGreaterThan(fit.strengths[1] as number);
    expect(fit.strengths[1]).toBeGreaterThan(fit.strengths[2] as number);
  });
});

describe('bootstrap intervals', () => {
  it('are reproducible for a seed, contain the fit, and narrow with more items', () => {
    const options = { lengthControlled: false, bootstrap: { replicates: 200, seed: 4, confidence: 0.95 } };
    const small = generated(1, 4, 200);
    const once = rateModels(small, options);
    const again = rateModels(small, options);
    expect(again.intervals).toEqual(once.intervals);
    once.intervals.forEach((interval, i) => {
      const [low, high] = interval as [number, number];
      expect(low).toBeLessThanOrEqual(once.fit.strengths[i] as number);
      expect(high).toBeGreaterThanOrEqual(once.fit.strengths[i] as number);
    });
    const large = rateModels(generated(1, 4, 3200), options);
    const width = (r: typeof once) => r.intervals.reduce((sum, iv) => sum + ((iv?.[1] ?? 0) - (iv?.[0] ?? 0)), 0);
    expect(width(large)).toBeLessThan(width(once) / 2);
  });
});
