// pnpm bench:import [--items 100000] [--k 4] [--seed 1] [--output-chars 350] [--file path.jsonl[.gz]] [--gzip]
//                   [--pg-url postgres://postgres@127.0.0.1:5432/postgres] [--keep-db]
// Writes a seeded ranking import file (K outputs an item; 100,000 items of 4 outputs is ~170 MB, the size of issue
// 12's report), creates a fresh PostgreSQL database, then times `feedbench import --project ID file` (the bundled CLI,
// server/dist/cli.mjs) under /usr/bin/time -v: wall time, rows/s, MB/s and the CLI's peak RSS (target < 300 MB
// whatever the size). Checks the items and outputs landed. The same CLI interface bench:scale calls.
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs, promisify } from 'node:util';
import { createGzip } from 'node:zlib';
import pg from 'pg';

const { values: flags } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    k: { type: 'string', default: '4' },
    seed: { type: 'string', default: '1' },
    'output-chars': { type: 'string', default: '350' },
    file: { type: 'string' },
    gzip: { type: 'boolean', default: false },
    'pg-url': { type: 'string', default: process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'keep-db': { type: 'boolean', default: false },
  },
});
const items = Number(flags.items);
const k = Number(flags.k);
const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Mulberry32 (Tommy Ettinger's public-domain 32-bit generator): the same file for the same seed. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'the model answer question data reward human feedback ranking output prompt policy token'.split(' ');
function* lines(seed: number): Generator<string> {
  const random = mulberry32(seed);
  const text = (chars: number) => {
    let out = '';
    while (out.length < chars) out += `${WORDS[Math.floor(random() * WORDS.length)]} `;
    return out.slice(0, chars);
  };
  const outputChars = Number(flags['output-chars']);
  for (let i = 0; i < items; i++) {
    const line = {
      id: `bench-${i}`,
      prompt: [{ role: 'user', content: text(200) }],
      outputs: Array.from({ length: k }, (_, o) => ({ id: `o${o}`, model: `model-${o}`, content: text(outputChars) })),
      metadata: { source: 'bench', index: i },
    };
    yield `${JSON.stringify(line)}\n`;
  }
}

async function writeFile(dir: string): Promise<string> {
  const file = path.join(dir, flags.gzip ? 'items.jsonl.gz' : 'items.jsonl');
  const source = Readable.from(lines(Number(flags.seed)));
  if (flags.gzip) await pipeline(source, createGzip(), createWriteStream(file));
  else await pipeline(source, createWriteStream(file));
  return file;
}

async function feedbench(env: NodeJS.ProcessEnv, ...args: string[]) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', ...args], {
    cwd: root,
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.trim();
}

/** Runs the import under /usr/bin/time -v; returns its JSON result and the figures time reports. */
function timedImport(env: NodeJS.ProcessEnv, projectId: string, file: string) {
  return new Promise<{ result: string; wallSeconds: number; peakRssMiB: number }>((resolve, reject) => {
    const child = spawn(
      '/usr/bin/time',
      ['-v', process.execPath, 'server/dist/cli.mjs', 'import', '--project', projectId, file],
      { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`import exited ${code}: ${stderr.slice(-2000)}`));
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/.exec(stderr);
      const seconds = (wall?.[1] ?? '0').split(':').reduce((total, part) => total * 60 + Number(part), 0);
      resolve({ result: stdout.trim(), wallSeconds: seconds, peakRssMiB: Number(rss?.[1] ?? 0) / 1024 });
    });
  });
}

// The CLI bundled like the server (server/build.mjs): compiling TypeScript at run time (tsx) alone costs ~300 MiB.
await run(process.execPath, ['server/build.mjs'], { cwd: root });
const dir = mkdtempSync(path.join(tmpdir(), 'feedbench-bench-import-'));
const dbName = `feedbench_bench_import_${Date.now()}`;
const admin = new pg.Client({ connectionString: flags['pg-url'] });
await admin.connect();
try {
  const file = flags.file ?? (await writeFile(dir));
  const bytes = statSync(file).size;
  console.log(
    `file: ${file} (${(bytes / 2 ** 20).toFixed(1)} MiB, ${items.toLocaleString('en')} items x ${k} outputs)`,
  );
  await admin.query(`create database ${dbName}`);
  const url = new URL(flags['pg-url']);
  url.pathname = `/${dbName}`;
  const env = { ...process.env, DATABASE_URL: url.toString(), LOG_LEVEL: 'silent', NODE_ENV: 'development' };
  await feedbench(
    env,
    'user',
    'add',
    '--email',
    'bench@import.test',
    '--password',
    'bench import lantern harbour 7',
    '--role',
    'admin',
  );
  const projectId = await feedbench(env, 'project', 'create', '--name', 'Import bench', '--kind', 'ranking');
  const { result, wallSeconds, peakRssMiB } = await timedImport(env, projectId, file);
  const check = new pg.Client({ connectionString: url.toString() });
  await check.connect();
  const counts = await check.query(
    `select (select count(*) from items)::int as items, (select count(*) from item_outputs)::int as outputs,
            (select count(*) from import_staging)::int as staged`,
  );
  await check.end();
  const landed = counts.rows[0] as { items: number; outputs: number; staged: number };
  console.log(`result: ${result}`);
  console.log(`landed: ${landed.items} items, ${landed.outputs} outputs, ${landed.staged} staged rows left`);
  console.log(
    `wall ${wallSeconds.toFixed(1)} s | ${Math.round(items / wallSeconds).toLocaleString('en')} rows/s | ` +
      `${(bytes / 2 ** 20 / wallSeconds).toFixed(1)} MiB/s | peak RSS ${peakRssMiB.toFixed(0)} MiB (target < 300)`,
  );
  if (landed.items !== items || landed.outputs !== items * k || landed.staged !== 0) process.exitCode = 1;
  if (peakRssMiB >= 300) process.exitCode = 1;
} finally {
  if (!flags['keep-db']) await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => {});
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}
