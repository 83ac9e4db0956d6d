// pnpm bench:scale [--sizes 1000,10000,100000,1000000] [--engine postgres|pglite] [--annotators 20] [--rounds 15]
//                  [--port 3136] [--pg-url postgres://postgres@127.0.0.1:5432/postgres] [--dir /tmp/feedbench-scale]
//                  [--keep-files] [--keep-database] [--reuse-database]
// --reuse-database (PostgreSQL): a database kept by --keep-database whose import finished is measured from the floor
// on, with the import's wall time read from its job row (no peak RSS then): a 1M import is not run twice.
// Per size, on a fresh database: imports a generated ranking project (4 outputs of ~80 words, fixed seed) with the
// CLI (`pnpm feedbench import`), timing it and its peak RSS; loads the same rows into the same tables with
// `psql \copy` as the floor (PostgreSQL only); starts the production bundle (server/dist/main.mjs) and measures
// next-task and submit under 20 concurrent annotators, then the researcher's views (overview, item browser pages,
// agreement report, export). Prints one table per size and the growth ratio largest/smallest of every figure.
// Targets (issue 12): import >= 0.3 of the COPY floor and < 300 MB RSS at 1M; per-request latencies at 1M within
// 1.5x of 1k; export and agreement linear in annotations (every size here collects the same number of annotations).
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Task } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import { type DatabaseHandle, openDatabase } from '../../server/src/db/client.ts';
import { systemClock } from '../../server/src/lib/clock.ts';
import { createServices } from '../../server/src/services.ts';
import { createBenchDatabase } from '../lib/bench-database.ts';
import { writeCopyFiles, writeJsonl } from './data.ts';
import { median, percentile, type Sample, timed } from './measure.ts';
import { BenchServer, call } from './server.ts';

const { values: flags } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    engine: { type: 'string', default: 'postgres' },
    annotators: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '15' },
    port: { type: 'string', default: '3136' },
    'pg-url': { type: 'string', default: process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    dir: { type: 'string', default: path.join(tmpdir(), 'feedbench-scale') },
    'keep-files': { type: 'boolean', default: false },
    'keep-database': { type: 'boolean', default: false },
    'reuse-database': { type: 'boolean', default: false },
  },
});
const root = path.resolve(import.meta.dirname, '..', '..');
const engine = flags.engine === 'pglite' ? 'pglite' : 'postgres';
const sizes = (flags.sizes as string).split(',').map(Number);
const annotatorCount = Number(flags.annotators);
const rounds = Number(flags.rounds);
const port = Number(flags.port);
const dir = flags.dir as string;
mkdirSync(dir, { recursive: true });

interface Target {
  /** Environment that points the CLI and the server at this database. */
  env: Record<string, string>;
  config: Parameters<typeof openDatabase>[0];
  url?: string;
  drop(): Promise<void>;
}

async function freshTarget(size: number): Promise<Target> {
  if (engine === 'postgres') {
    const database = await createBenchDatabase(flags['pg-url'] as string, `feedbench_bench_scale_${size}`, {
      reuse: flags['reuse-database'] as boolean,
    });
    return {
      env: { DATABASE_URL: database.url },
      config: { kind: 'postgres', url: database.url, poolSize: 4, applicationName: 'feedbench-bench-scale' },
      url: database.url,
      drop: () => database.drop(),
    };
  }
  const dataDir = mkdtempSync(path.join(dir, `pglite-${size}-`));
  return {
    env: { FEEDBENCH_DATA_DIR: dataDir },
    config: { kind: 'pglite', dataDir },
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

interface Seeded {
  projectId: string;
  floorProjectId: string;
  researcher: string;
  annotators: { id: string; cookie: string }[];
}

/** An admin (the CLI's actor) who owns the project and the floor's project, and annotators with sessions. */
async function seedAccounts(target: Target): Promise<Seeded> {
  const database: DatabaseHandle = openDatabase(target.config);
  try {
    await database.migrate();
    const services = createServices(database, { clock: systemClock, sessionTtlHours: 24 });
    const admin = await services.auth.createUser({
      email: 'admin@bench-scale.local',
      password: 'bench scale violin meadow 9',
      role: 'admin',
    });
    const owner = { ...admin, createdAt: new Date(admin.createdAt) };
    const settings = {
      overlapTarget: 2,
      leaseMinutes: 30,
      ordering: 'closest-to-completion' as const,
      questions: [{ id: 'rank', type: 'ranking' as const, label: 'Rank', required: true, allowTies: true }],
    };
    const project = await services.projects.create(owner, { name: 'Scale bench', kind: 'ranking', settings });
    const floor = await services.projects.create(owner, { name: 'COPY floor', kind: 'ranking', settings });
    const session = async (userId: string) => {
      const token = `bench-${userId}`;
      await database.db.execute(
        sql`insert into sessions (token_hash, user_id, expires_at)
            values (${createHash('sha256').update(token).digest('hex')}, ${userId}, now() + interval '1 day')`,
      );
      return `feedbench_session=${token}`;
    };
    const annotators: Seeded['annotators'] = [];
    for (let i = 0; i < annotatorCount; i++) {
      // One shared hash: 20 scrypt runs would time the password hash, not the engine.
      const result = (await database.db.execute(
        sql`insert into users (email, password_hash, role)
            select ${`annotator-${i}@bench-scale.local`}, password_hash, 'annotator' from users where id = ${admin.id}
            returning id`,
      )) as unknown as { rows: { id: string }[] };
      const id = result.rows[0]?.id as string;
      await database.db.execute(
        sql`insert into workspace_members (workspace_id, user_id, role)
            select workspace_id, ${id}, 'member' from projects where id = ${project.id}`,
      );
      await database.db.execute(
        sql`insert into project_members (project_id, user_id, role) values (${project.id}, ${id}, 'annotator')`,
      );
      annotators.push({ id, cookie: await session(id) });
    }
    return { projectId: project.id, floorProjectId: floor.id, researcher: await session(admin.id), annotators };
  } finally {
    await database.close();
  }
}

/**
 * `feedbench import` as the README runs it: the bundled CLI (server/dist/cli.mjs, built above; compiling TypeScript at
 * run time with tsx alone costs ~300 MiB). GNU time reports the peak RSS of the largest process of the tree.
 */
async function cliImport(target: Target, projectId: string, file: string) {
  const env: Record<string, string | undefined> = { ...process.env, ...target.env, LOG_LEVEL: 'error' };
  if (engine === 'pglite') delete env.DATABASE_URL;
  const started = performance.now();
  const child = spawn(
    '/usr/bin/time',
    [
      '-f',
      'peak-kb %M',
      process.execPath,
      path.join(root, 'server', 'dist', 'cli.mjs'),
      'import',
      '--timings',
      '--project',
      projectId,
      file,
    ],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => {
    stdout += c;
  });
  child.stderr.on('data', (c) => {
    stderr += c;
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const seconds = (performance.now() - started) / 1000;
  const peakKb = Number(stderr.match(/peak-kb (\d+)/)?.[1] ?? Number.NaN);
  // The import's phases (--timings): where its time went.
  for (const phase of stderr.matchAll(/^phase (.*)$/gm)) console.log(`  import phase ${phase[1]}`);
  if (code !== 0)
    return {
      ok: false as const,
      seconds,
      peakMiB: peakKb / 1024,
      error: stderr.trim().split('\n').slice(-3).join(' '),
    };
  return { ok: true as const, seconds, peakMiB: peakKb / 1024, result: stdout.trim().split('\n').at(-1) ?? '' };
}

/** A kept database's accounts and finished import (see --reuse-database); the floor's project is emptied. */
async function keptImport(target: Target) {
  const database: DatabaseHandle = openDatabase(target.config);
  try {
    const rows = async <T>(query: ReturnType<typeof sql>) =>
      ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
    const projects = await rows<{ id: string; name: string }>(sql`select id, name from projects`);
    const projectId = projects.find((p) => p.name === 'Scale bench')?.id as string;
    const floorProjectId = projects.find((p) => p.name === 'COPY floor')?.id as string;
    await database.db.execute(sql`delete from items where project_id = ${floorProjectId}`);
    const [job] = await rows<{ seconds: number; status: string }>(
      sql`select extract(epoch from finished_at - created_at)::float8 as seconds, status from import_jobs
          where project_id = ${projectId} order by created_at desc limit 1`,
    );
    if (job?.status !== 'done') throw new Error('the kept database has no finished import');
    const users = await rows<{ id: string; email: string }>(sql`select id, email from users order by email`);
    const cookie = (id: string) => `feedbench_session=bench-${id}`;
    const admin = users.find((u) => u.email === 'admin@bench-scale.local') as { id: string };
    const seeded: Seeded = {
      projectId,
      floorProjectId,
      researcher: cookie(admin.id),
      annotators: users
        .filter((u) => u.email.startsWith('annotator-'))
        .map((u) => ({ id: u.id, cookie: cookie(u.id) })),
    };
    return { seeded, imported: { ok: true as const, seconds: job.seconds, peakMiB: Number.NaN, result: 'reused' } };
  } finally {
    await database.close();
  }
}

/** The floor: the same rows into the same tables with psql \copy (one statement per table). */
async function copyFloor(target: Target, size: number, projectId: string) {
  const files = await writeCopyFiles(path.join(dir, `floor-${size}`), size, projectId);
  const started = performance.now();
  execFileSync(
    'psql',
    [
      target.url as string,
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      `\\copy items (id, project_id, external_id, conversation, metadata, position) from '${files.items}'`,
      '-c',
      `\\copy item_outputs (item_id, output_id, model, content, position) from '${files.outputs}'`,
      '-c',
      `\\copy item_slots (item_id, slot_no, project_id, item_position) from '${files.slots}'`,
    ],
    { stdio: 'inherit' },
  );
  const seconds = (performance.now() - started) / 1000;
  for (const file of Object.values(files)) rmSync(file, { force: true });
  return seconds;
}

/** 20 annotators at once, each fetching and submitting `rounds` tasks (plus one warm-up task, not timed). */
async function annotate(server: BenchServer, seeded: Seeded) {
  const next: Sample[] = [];
  const submit: Sample[] = [];
  await Promise.all(
    seeded.annotators.map(async (annotator) => {
      for (let round = 0; round <= rounds; round++) {
        const [claimMs, text] = await timed(() =>
          call(server.base, annotator.cookie, 'POST', `/api/projects/${seeded.projectId}/tasks/next`),
        );
        const task = (JSON.parse(text) as { task: Task | null }).task;
        if (!task) return;
        const groups = task.outputs.map((o) => [o.id]);
        const [submitMs] = await timed(() =>
          call(server.base, annotator.cookie, 'POST', `/api/leases/${task.leaseId}/submit`, {
            idempotencyKey: randomUUID(),
            answers: { rank: { type: 'ranking', groups } },
            timeOnTaskMs: 1000,
          }),
        );
        if (round > 0) {
          next.push(claimMs);
          submit.push(submitMs);
        }
      }
    }),
  );
  return { next, submit };
}

/** Median of 5 sequential calls of one researcher view (the first call, which plans and warms caches, discarded). */
async function view(server: BenchServer, cookie: string, url: string) {
  const samples: Sample[] = [];
  for (let i = 0; i < 6; i++) {
    const [ms] = await timed(() => call(server.base, cookie, 'GET', url));
    if (i > 0) samples.push(ms);
  }
  return median(samples);
}

type Row = Record<string, number | string>;
const results: { size: number; row: Row }[] = [];

// The production bundle, built once: every size runs the same server.
execFileSync(process.execPath, [path.join(root, 'server', 'build.mjs')], { cwd: root, stdio: 'inherit' });

for (const size of sizes) {
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(`\n== ${size.toLocaleString('en')} items on ${engine} (load average ${load})`);
  const file = path.join(dir, `items-${size}.jsonl`);
  await writeJsonl(file, size);
  const target = await freshTarget(size);
  const server = new BenchServer(port, root);
  const row: Row = { 'load average': load };
  try {
    const reused = flags['reuse-database'] ? await keptImport(target) : undefined;
    const seeded = reused?.seeded ?? (await seedAccounts(target));
    const imported = reused?.imported ?? (await cliImport(target, seeded.projectId, file));
    if (!imported.ok) {
      console.log(`  import FAILED after ${imported.seconds.toFixed(1)} s: ${imported.error}`);
      row['import s'] = 'failed';
      results.push({ size, row });
      continue;
    }
    row['import s'] = imported.seconds;
    row['import rows/s'] = size / imported.seconds;
    row['import MiB/s'] = statSync(file).size / 2 ** 20 / imported.seconds;
    row['CLI peak RSS MiB'] = imported.peakMiB;
    if (engine === 'postgres') {
      const floorSeconds = await copyFloor(target, size, seeded.floorProjectId);
      row['COPY floor s'] = floorSeconds;
      row['import / floor (rate ratio)'] = floorSeconds / imported.seconds;
    }
    if (engine === 'postgres') {
      // Steady state, as autovacuum leaves a loaded table: statistics and visibility map (a fresh bulk load has
      // neither, and the planner then guesses), and the load's dirty pages written out before anything is timed.
      execFileSync('psql', [target.url as string, '-X', '-q', '-c', 'vacuum analyze', '-c', 'checkpoint'], {
        stdio: 'inherit',
      });
    }
    await server.start(engine === 'pglite' ? { ...target.env, DATABASE_URL: undefined } : target.env);
    const { next, submit } = await annotate(server, seeded);
    row['next-task p50 ms'] = percentile(next, 50);
    row['next-task p99 ms'] = percentile(next, 99);
    row['submit p50 ms'] = percentile(submit, 50);
    row['submit p99 ms'] = percentile(submit, 99);
    const p = `/api/projects/${seeded.projectId}`;
    const first = JSON.parse(await call(server.base, seeded.researcher, 'GET', `${p}/items?limit=50`)) as {
      items: { position: number }[];
    };
    const middle = (first.items[0]?.position ?? 0) + Math.floor(size / 2);
    row['overview ms'] = await view(server, seeded.researcher, p);
    row['items page 1 ms'] = await view(server, seeded.researcher, `${p}/items?limit=50`);
    row['items middle page ms'] = await view(server, seeded.researcher, `${p}/items?limit=50&cursor=${middle}`);
    row['items complete ms'] = await view(server, seeded.researcher, `${p}/items?limit=50&state=complete`);
    row['items by id ms'] = await view(server, seeded.researcher, `${p}/items?q=item-${Math.floor(size / 3)}`);
    row['agreement ms'] = await view(server, seeded.researcher, `${p}/agreement`);
    row['export summary ms'] = await view(
      server,
      seeded.researcher,
      `${p}/export/summary?format=trl-preference&pairs=all`,
    );
    row['export ms'] = await view(server, seeded.researcher, `${p}/export?format=trl-preference&pairs=all`);
    row.annotations = next.length + annotatorCount;
    row['server peak RSS MiB'] = server.peakMiB();
    results.push({ size, row });
    for (const [key, value] of Object.entries(row)) console.log(`  ${key.padEnd(28)} ${format(value)}`);
  } finally {
    await server.stop();
    // --keep-database leaves it for EXPLAIN ANALYZE (PostgreSQL: the database's url is printed).
    if (flags['keep-database']) console.log(`  kept: ${target.url ?? target.env.FEEDBENCH_DATA_DIR}`);
    else await target.drop();
    if (!flags['keep-files']) rmSync(file, { force: true });
  }
}

function format(value: number | string) {
  if (typeof value === 'string') return value;
  return value >= 100 ? value.toFixed(0) : value.toFixed(value >= 10 ? 1 : 2);
}

const smallest = results[0];
const largest = results.at(-1);
if (smallest && largest && smallest !== largest) {
  console.log(`\n== growth ${largest.size.toLocaleString('en')} / ${smallest.size.toLocaleString('en')} items`);
  for (const [key, value] of Object.entries(largest.row)) {
    const base = smallest.row[key];
    if (typeof value === 'number' && typeof base === 'number' && base > 0) {
      console.log(`  ${key.padEnd(28)} ${(value / base).toFixed(2)}x`);
    }
  }
}
