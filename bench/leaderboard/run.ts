// pnpm bench:leaderboard [--pairs 1000000] [--models 20] [--bootstrap 100] [--pairs-per-item 1]
// Times the model leaderboard's computation on a generated set of preference pairs: the Bradley-Terry fit, the same
// with the length covariate (style control), and the bootstrap intervals of each (resampling items). The data are
// comparisons already read (the database read is the same statement as any project's, not what this measures).
// Checks that the fit recovers the generated strengths (correlation > 0.99), else exits 1.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { mulberry32 } from '@feedbench/shared';
import { type ComparisonSet, lengthDelta } from '../../server/src/modules/leaderboard/comparisons.ts';
import { rateModels } from '../../server/src/modules/leaderboard/model-ratings.ts';

const { values: flags } = parseArgs({
  options: {
    pairs: { type: 'string', default: '1000000' },
    models: { type: 'string', default: '20' },
    bootstrap: { type: 'string', default: '100' },
    'pairs-per-item': { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
  },
});
const pairs = Number(flags.pairs);
const modelCount = Number(flags.models);
const replicates = Number(flags.bootstrap);
const perItem = Number(flags['pairs-per-item']);

/** Pairs of distinct models drawn uniformly; outcome from known strengths, a length effect of 0.5 and 10% ties. */
function generate(seed: number): { set: ComparisonSet; truth: number[] } {
  const random = mulberry32(seed);
  const truth = Array.from({ length: modelCount }, (_, i) => (i - modelCount / 2) * 0.15);
  const a = new Int32Array(pairs);
  const b = new Int32Array(pairs);
  const score = new Float64Array(pairs);
  const delta = new Float64Array(pairs);
  const clusterStart = new Int32Array(Math.ceil(pairs / perItem) + 1);
  for (let c = 0; c < pairs; c++) {
    if (c % perItem === 0) clusterStart[c / perItem] = c;
    const i = Math.floor(random() * modelCount);
    const j = (i + 1 + Math.floor(random() * (modelCount - 1))) % modelCount;
    const d = lengthDelta(50 + Math.floor(random() * 1000), 50 + Math.floor(random() * 1000));
    const p = 1 / (1 + Math.exp(-((truth[i] as number) - (truth[j] as number) + 0.5 * d)));
    const u = random();
    a[c] = i;
    b[c] = j;
    delta[c] = d;
    score[c] = u < 0.1 ? 0.5 : u < 0.1 + 0.9 * p ? 1 : 0;
  }
  clusterStart[clusterStart.length - 1] = pairs;
  const set: ComparisonSet = {
    models: truth.map((_, i) => `model-${i}`),
    a,
    b,
    score,
    delta,
    clusterStart,
    meanLength: new Float64Array(modelCount),
    annotations: pairs,
    skipped: { noModel: 0, sameModel: 0, tiedInRanking: 0 },
  };
  return { set, truth };
}

function correlation(x: readonly number[], y: ArrayLike<number>): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  let my = 0;
  for (let i = 0; i < n; i++) my += (y[i] as number) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += ((x[i] as number) - mx) * ((y[i] as number) - my);
    sxx += ((x[i] as number) - mx) ** 2;
    syy += ((y[i] as number) - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
let started = process.hrtime.bigint();
const { set, truth } = generate(Number(flags.seed));
console.log(
  `generated ${pairs.toLocaleString('en')} pairs over ${modelCount} models (${set.clusterStart.length - 1} items) in ${seconds(started).toFixed(2)} s`,
);
let failed = false;
for (const lengthControlled of [false, true]) {
  const label = lengthControlled ? 'length-controlled' : 'plain';
  started = process.hrtime.bigint();
  const fitOnly = rateModels(set, { lengthControlled, bootstrap: { replicates: 0, seed: 1, confidence: 0.95 } });
  const fitTime = seconds(started);
  started = process.hrtime.bigint();
  const withIntervals = rateModels(set, { lengthControlled, bootstrap: { replicates, seed: 1, confidence: 0.95 } });
  const totalTime = seconds(started);
  const r = correlation(truth, fitOnly.fit.strengths);
  const widths = withIntervals.intervals.map((iv) => (iv ? iv[1] - iv[0] : Number.NaN));
  console.log(
    `${label.padEnd(18)} fit ${fitTime.toFixed(2)} s (${fitOnly.fit.iterations} Newton steps); fit + ${replicates} bootstrap resamples ${totalTime.toFixed(2)} s; ` +
      `r(truth, fit) = ${r.toFixed(4)}; mean 95% interval width ${(widths.reduce((s, w) => s + w, 0) / widths.length).toFixed(4)} logits` +
      (lengthControlled
        ? `; length coefficient ${fitOnly.fit.lengthCoefficient?.toFixed(3)} (generated 0.5; the 10% ties, counted as ` +
          'half a win as Chatbot Arena does, pull every coefficient toward 0)'
        : ''),
  );
  if (!(r > 0.99)) failed = true;
}
console.log(
  `(${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} at the end of the run)`,
);
if (failed) {
  console.error('the fit did not recover the generated strengths');
  process.exitCode = 1;
}
