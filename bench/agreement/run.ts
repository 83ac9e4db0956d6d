// pnpm bench:agreement [--runs 5] [--order export|annotator|shuffled] [--no-pin] [--no-reference]
// Times our agreement metrics on 1,000,000 ratings (200,000 units x 5 annotators) and 50,000 rankings x 3
// annotators x K = 4, then the same data through Debian's NLTK, statsmodels and scikit-learn (reference.py), prints
// each time and the ratio, and checks the values agree. Exits 1 if a value differs. See README.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cohenKappa, fleissKappa, krippendorffAlpha, pairwiseAgreement } from '@feedbench/shared';
import { inOrder, RECORD_ORDERS, type RecordOrder, rankingRecords, ratingRecords } from './data.ts';

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    order: { type: 'string', default: 'export' },
    'no-pin': { type: 'boolean', default: false },
    'no-reference': { type: 'boolean', default: false },
  },
});
const runs = Number(flags.runs);
const root = path.resolve(import.meta.dirname, '../..');
const PYTHON = '/usr/bin/python3'; // Debian's interpreter: a pyenv python3 earlier on PATH lacks the apt packages.
const DEBIAN_PACKAGES = ['python3-nltk', 'python3-statsmodels', 'python3-sklearn'];

// One core: re-run pinned to CPU 0 (the Python child inherits the affinity), unless asked not to.
if (!flags['no-pin'] && process.env.FEEDBENCH_BENCH_PINNED !== '1' && commandExists('taskset')) {
  const result = spawnSync(
    'taskset',
    [
      '-c',
      '0',
      process.execPath,
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'run.ts'),
      ...process.argv.slice(2),
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, FEEDBENCH_BENCH_PINNED: '1' } },
  );
  process.exit(result.status ?? 1);
}

const reference = flags['no-reference'] ? false : setUpReference();

console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}`);
console.log(process.env.FEEDBENCH_BENCH_PINNED === '1' ? 'pinned to CPU 0 (taskset -c 0)' : 'not pinned');

const order = flags.order as RecordOrder;
if (!RECORD_ORDERS.includes(order)) throw new Error(`--order must be one of ${RECORD_ORDERS.join(', ')}`);
const ratings = inOrder(ratingRecords(200_000, 5, 20_240_601), order);
const pairOfAnnotators = ratings.filter((r) => r.annotator === 'a0' || r.annotator === 'a1');
const rankings = inOrder(rankingRecords(50_000, 3, 4, 20_240_602), order);
console.log(`records in ${order} order`);

interface Row {
  key: string;
  label: string;
  size: string;
  /** Our value and timings (ms). */
  value: number;
  median: number;
  min: number;
  cold: number;
  /** Must run under 1 s (the 1M-value metrics). */
  underOneSecond: boolean;
  reference: string;
  /** Not a Debian package: an independent check of the value only. */
  checkOnly?: boolean;
}

const rows: Row[] = [];
const measure = (row: Omit<Row, 'value' | 'median' | 'min' | 'cold'>, metric: () => number) => {
  const timing = time(metric, runs);
  rows.push({ ...row, ...timing });
  console.log(
    `  ${row.label}: ${timing.median.toFixed(0)} ms (median of ${runs}; first call ${timing.cold.toFixed(0)} ms)`,
  );
};

console.log(`\nours (TypeScript, shared/src/agreement), ${runs} timed runs after the first:`);
measure(
  {
    key: 'alpha-interval',
    label: "Krippendorff's alpha, interval",
    size: '1,000,000 values',
    underOneSecond: true,
    reference: 'nltk AnnotationTask(interval_distance).alpha()',
  },
  () => krippendorffAlpha(ratings, { level: 'interval' }).value,
);
measure(
  {
    key: 'alpha-nominal',
    label: "Krippendorff's alpha, nominal",
    size: '1,000,000 values',
    underOneSecond: true,
    reference: 'nltk AnnotationTask(binary_distance).alpha()',
  },
  () => krippendorffAlpha(ratings, { level: 'nominal' }).value,
);
measure(
  {
    key: 'fleiss-kappa',
    label: "Fleiss' kappa",
    size: '1,000,000 values',
    underOneSecond: true,
    reference: 'statsmodels aggregate_raters + fleiss_kappa',
  },
  () => fleissKappa(ratings).value,
);
measure(
  {
    key: 'cohen-kappa',
    label: "Cohen's kappa (a0, a1)",
    size: '400,000 values',
    underOneSecond: false,
    reference: 'sklearn cohen_kappa_score',
  },
  () => cohenKappa(pairOfAnnotators).value,
);
// One call gives both the pairwise share and its alpha; timed once, reported on both rows.
let pairwiseAlpha = Number.NaN;
measure(
  {
    key: 'pairwise-agreement',
    label: 'pairwise ranking agreement (+ alpha)',
    size: '50,000 items x 3 x K=4',
    underOneSecond: false,
    reference: 'plain Python, value check only',
    checkOnly: true,
  },
  () => {
    const result = pairwiseAgreement(rankings);
    pairwiseAlpha = result.alpha;
    return result.value;
  },
);
const pairwiseRow = rows.at(-1) as Row;
rows.push({
  ...pairwiseRow,
  key: 'pairwise-alpha',
  label: 'pairwise alpha over (item, pair)',
  value: pairwiseAlpha,
  reference: 'nltk AnnotationTask(binary_distance).alpha() on pair judgements',
  checkOnly: false,
});

let mismatches = 0;
if (reference) {
  const directory = mkdtempSync(path.join(tmpdir(), 'feedbench-bench-agreement-'));
  try {
    const ratingsFile = path.join(directory, 'ratings.tsv');
    const rankingsFile = path.join(directory, 'rankings.jsonl');
    writeFileSync(ratingsFile, `${ratings.map((r) => `${r.unit}\t${r.annotator}\t${r.value}`).join('\n')}\n`);
    writeFileSync(rankingsFile, `${rankings.map((r) => JSON.stringify(r)).join('\n')}\n`);
    console.log('\nreference (Debian python3 packages; NLTK once, it is slow; the others median of 3)...');
    const output = execFileSync(
      PYTHON,
      [path.join(import.meta.dirname, 'reference.py'), ratingsFile, rankingsFile, '3'],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
        env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
      },
    );
    const results = JSON.parse(output) as Record<string, [number, number, number]> & {
      versions: Record<string, string>;
    };
    console.log(
      `  ${Object.entries(results.versions)
        .map(([name, version]) => `${name} ${version}`)
        .join(', ')}\n`,
    );
    console.log(
      [
        'metric'.padEnd(38),
        'data'.padEnd(24),
        'ours ms'.padStart(8),
        '(min)'.padStart(7),
        'ref ms'.padStart(9),
        'ref/ours'.padStart(9),
        '  value (ours / reference)',
      ].join(''),
    );
    for (const row of rows) {
      const [value, median] = results[row.key] as [number, number, number];
      const agrees = Math.abs(value - row.value) <= 1e-9;
      if (!agrees) mismatches++;
      console.log(
        [
          row.label.padEnd(38),
          row.size.padEnd(24),
          row.median.toFixed(0).padStart(8),
          `(${row.min.toFixed(0)})`.padStart(7),
          median.toFixed(0).padStart(9),
          `${(median / row.median).toFixed(1)}x`.padStart(9),
          `  ${row.value.toFixed(12)} / ${value.toFixed(12)} ${agrees ? 'agree' : 'DIFFER'}`,
        ].join(''),
      );
      console.log(`${''.padEnd(38)}reference: ${row.reference}`);
      if (row.underOneSecond) console.log(`${''.padEnd(38)}target < 1000 ms: ${row.median < 1000 ? 'met' : 'MISSED'}`);
      if (!row.checkOnly) {
        console.log(`${''.padEnd(38)}target faster than Debian: ${row.median < median ? 'met' : 'MISSED'}`);
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
} else {
  for (const row of rows) {
    console.log(
      `${row.label}: ${row.value} in ${row.median.toFixed(0)} ms${row.underOneSecond ? ' (target < 1000 ms)' : ''}`,
    );
  }
}
if (mismatches > 0) {
  console.error(`\n${mismatches} value(s) differ from the reference`);
  process.exit(1);
}

function time(metric: () => number, count: number) {
  let start = performance.now();
  const value = metric();
  const cold = performance.now() - start;
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    start = performance.now();
    const again = metric();
    times.push(performance.now() - start);
    if (again !== value && !(Number.isNaN(again) && Number.isNaN(value)))
      throw new Error('metric is not deterministic');
  }
  times.sort((a, b) => a - b);
  return { value, cold, min: times[0] as number, median: times[Math.floor(times.length / 2)] as number };
}

/** Debian's python3 with the three packages; installs them with apt-get when missing and running as root. */
function setUpReference(): true {
  const ready = () => spawnSync(PYTHON, ['-c', 'import nltk, statsmodels, sklearn'], { stdio: 'ignore' }).status === 0;
  if (ready()) return true;
  const install = ['apt-get', 'install', '-y', ...DEBIAN_PACKAGES];
  if (process.getuid?.() !== 0) {
    console.error(`Reference packages missing: run \`sudo ${install.join(' ')}\` (or pass --no-reference).`);
    process.exit(1);
  }
  console.log(`set-up: ${install.join(' ')}`);
  if (spawnSync(install[0] as string, install.slice(1), { stdio: 'inherit' }).status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    spawnSync(install[0] as string, install.slice(1), { stdio: 'inherit' });
  }
  if (!ready()) {
    console.error(`set-up failed: ${PYTHON} still cannot import nltk, statsmodels and sklearn`);
    process.exit(1);
  }
  return true;
}

function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}
