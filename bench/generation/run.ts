// pnpm bench:generation [--prompts 1000] [--samples 4] [--delay-ms 50] [--concurrency 16] [--n 1]
//                       [--engines postgres,pglite] [--pg-url postgres://postgres@127.0.0.1:5432/postgres]
// A generation job of `prompts` x `samples` against the OpenAI-compatible test server answering each call after
// `delay-ms`, through the production path (services.generation: claims, model client over HTTP, one transaction per
// output with its provenance). Prints wall time, samples/s and Feedbench's overhead per sample:
//   wall time x concurrency / samples - delay   (what each call slot spent beyond the endpoint's own latency).
// Checks every item got exactly `samples` outputs. The machine is shared and loaded: compare runs on one machine.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { type DatabaseHandle, openDatabase, rawRows } from '../../server/src/db/client.ts';
import { systemClock } from '../../server/src/lib/clock.ts';
import { createServices } from '../../server/src/services.ts';
import { startOpenAICompatibleServer } from '../../server/src/test/openai-compatible-server.ts';
import { createBenchDatabase } from '../lib/bench-database.ts';

const { values: flags } = parseArgs({
  options: {
    prompts: { type: 'string', default: '1000' },
    samples: { type: 'string', default: '4' },
    'delay-ms': { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '16' },
    n: { type: 'string', default: '1' },
    engines: { type: 'string', default: 'postgres,pglite' },
    'pg-url': { type: 'string', default: process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const prompts = Number(flags.prompts);
const samples = Number(flags.samples);
const delayMs = Number(flags['delay-ms']);
const concurrency = Number(flags.concurrency);
const n = Number(flags.n);

async function runOn(engine: 'postgres' | 'pglite', modelUrl: string) {
  let database: DatabaseHandle;
  let cleanup: () => Promise<void>;
  if (engine === 'postgres') {
    const bench = await createBenchDatabase(flags['pg-url'], 'feedbench_bench_generation');
    database = openDatabase({ kind: 'postgres', url: bench.url, poolSize: Math.max(10, concurrency + 4) });
    cleanup = () => bench.drop();
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'feedbench-bench-generation-'));
    database = openDatabase({ kind: 'pglite', dataDir: dir });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  try {
    await database.migrate();
    const services = createServices(database, {
      clock: systemClock,
      sessionTtlHours: 24,
      models: { secret: { value: randomBytes(32).toString('hex'), file: '', production: false } },
      // Progress once a second, as in production; no backoff is expected (the server never refuses).
    });
    const user = await services.auth.createUser({
      email: 'admin@bench-generation.local',
      password: randomBytes(12).toString('hex'),
      role: 'admin',
    });
    const admin = { ...user, createdAt: new Date(user.createdAt) } as never;
    const created = await services.projects.create(admin, { name: 'Generation bench', kind: 'ranking' });
    await services.projects.update(admin, created.id, { outputsFromModels: true });
    const project = await services.projects.findRow(created.id);
    if (!project) throw new Error('project gone');
    const lines = Array.from({ length: prompts }, (_, i) =>
      JSON.stringify({ id: `p${i}`, prompt: `Bench prompt ${i}: explain item ${i} briefly.` }),
    );
    await services.items.importJsonl(project, lines.join('\n'));
    const connection = await services.models.create(admin, { name: 'bench', baseUrl: modelUrl, model: 'test-model' });

    const started = performance.now();
    const job = await services.generation.create(admin, project, {
      connectionIds: [connection.id],
      samplesPerItem: samples,
      n,
      concurrency,
      params: { temperature: 0.7, seed: 1 },
    });
    await services.generation.settle(job.id);
    const wallMs = performance.now() - started;

    const detail = await services.generation.get(project.id, job.id);
    const [counts] = await rawRows<{ items: number; outputs: number; min: number; max: number }>(
      database.db,
      sql`select count(*)::int as items, sum(c)::int as outputs, min(c)::int as min, max(c)::int as max
          from (select i.id, count(o.output_id) as c from items i left join item_outputs o on o.item_id = i.id
                where i.project_id = ${project.id} group by i.id) per_item`,
    );
    if (detail.job.status !== 'done' || counts?.min !== samples || counts?.max !== samples) {
      throw new Error(`unexpected result: ${JSON.stringify({ job: detail.job, counts })}`);
    }
    await services.generation.close();
    const total = prompts * samples;
    const calls = total / n;
    return {
      engine,
      samples: total,
      calls,
      wallSeconds: wallMs / 1000,
      samplesPerSecond: total / (wallMs / 1000),
      // Each of `concurrency` slots is busy wall time; per call it spends wall x concurrency / calls, of which
      // delay-ms is the endpoint's own latency.
      overheadMsPerSample: (wallMs * concurrency) / calls - delayMs,
    };
  } finally {
    await database.close();
    await cleanup();
  }
}

const server = await startOpenAICompatibleServer({ delayMs, record: false });
try {
  const engines = flags.engines.split(',').map((e) => e.trim()) as ('postgres' | 'pglite')[];
  console.log(
    `generation bench: ${prompts} prompts x ${samples} samples, test server answering in ${delayMs} ms, concurrency ${concurrency}, n ${n}`,
  );
  for (const engine of engines) {
    const r = await runOn(engine, server.url);
    console.log(
      [
        `${r.engine.padEnd(8)} wall ${r.wallSeconds.toFixed(2)} s`,
        `${r.samplesPerSecond.toFixed(1)} samples/s`,
        `${r.calls} calls`,
        `overhead ${r.overheadMsPerSample.toFixed(1)} ms/sample (wall x concurrency / calls - ${delayMs} ms)`,
      ].join(' | '),
    );
  }
  console.log('(shared, loaded machine: compare figures from the same machine and moment)');
} finally {
  await server.close();
}
