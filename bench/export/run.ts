// pnpm bench:export [--pairs 1000000] [--k 4] [--items N] [--prompt-chars 200] [--output-chars 300] [--port 3600]
//                   [--pg-url postgres://postgres@127.0.0.1:5432/postgres] [--keep-db]
//                   [--server-node-options "--max-old-space-size=128"]
// Generates a ranking project directly in a fresh PostgreSQL database (SQL generate_series, not the API), starts the
// server as its own process, downloads `trl-preference` JSONL over HTTP while sampling the server's memory, then
// times `psql -c "COPY (SELECT ...) TO STDOUT"` producing the same pairs as JSON from the same rows. Prints both
// rates, their ratio (target >= 0.25 of COPY) and the server's peak RSS (VmHWM; target < 300 MiB).
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { exportLineSchemas } from '@feedbench/shared';
import { createBenchDatabase, seedRankingProject } from './seed.ts';
import { ServerProcess } from './server-process.ts';

const { values: flags } = parseArgs({
  options: {
    pairs: { type: 'string', default: '1000000' },
    k: { type: 'string', default: '4' },
    items: { type: 'string' },
    'prompt-chars': { type: 'string', default: '200' },
    'output-chars': { type: 'string', default: '300' },
    port: { type: 'string', default: '3600' },
    'pg-url': { type: 'string', default: process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'keep-db': { type: 'boolean', default: false },
    /** E.g. "--max-old-space-size=128": shows how much of the peak is V8 heap headroom rather than live data. */
    'server-node-options': { type: 'string', default: '' },
  },
});
const k = Number(flags.k);
const pairsPerItem = (k * (k - 1)) / 2;
const items = flags.items ? Number(flags.items) : Math.ceil(Number(flags.pairs) / pairsPerItem);
const expectedPairs = items * pairsPerItem;
const mib = (bytes: number) => bytes / 2 ** 20;

interface Transfer {
  seconds: number;
  bytes: number;
  lines: number;
  firstLine: string;
}

/** Reads a byte stream to the end, counting bytes and lines, keeping only the first line. */
async function drain(stream: AsyncIterable<Uint8Array>, started: number): Promise<Transfer> {
  let bytes = 0;
  let lines = 0;
  let head = '';
  const decoder = new TextDecoder();
  for await (const chunk of stream) {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
    if (!head.includes('\n') && head.length < 1_000_000) head += decoder.decode(chunk, { stream: true });
  }
  return { seconds: (performance.now() - started) / 1000, bytes, lines, firstLine: head.split('\n')[0] ?? '' };
}

async function httpExport(server: ServerProcess, projectId: string, cookie: string) {
  let peakSampleMiB = 0;
  const sampler = setInterval(() => {
    peakSampleMiB = Math.max(peakSampleMiB, server.memory().rssMiB);
  }, 100);
  try {
    const started = performance.now();
    const response = await fetch(`${server.baseUrl}/api/projects/${projectId}/export?format=trl-preference`, {
      headers: { cookie },
    });
    if (!response.ok || !response.body) throw new Error(`export answered ${response.status}: ${await response.text()}`);
    const transfer = await drain(response.body, started);
    return { ...transfer, peakSampleMiB };
  } finally {
    clearInterval(sampler);
  }
}

/** The same pairs as the trl-preference format, built by PostgreSQL itself from the same rows: the floor. */
function copyQuery(projectId: string) {
  return `COPY (
    SELECT json_build_object(
             'prompt', i.conversation,
             'chosen', json_build_array(json_build_object('role', 'assistant', 'content', oc.content)),
             'rejected', json_build_array(json_build_object('role', 'assistant', 'content', orj.content)))
      FROM annotations a
      JOIN items i ON i.id = a.item_id
     CROSS JOIN LATERAL jsonb_array_elements(a.answers -> 'rank' -> 'groups') WITH ORDINALITY AS gc(grp, rc)
     CROSS JOIN LATERAL jsonb_array_elements_text(gc.grp) AS c(output_id)
     CROSS JOIN LATERAL jsonb_array_elements(a.answers -> 'rank' -> 'groups') WITH ORDINALITY AS gr(grp, rr)
     CROSS JOIN LATERAL jsonb_array_elements_text(gr.grp) AS r(output_id)
      JOIN item_outputs oc ON oc.item_id = a.item_id AND oc.output_id = c.output_id
      JOIN item_outputs orj ON orj.item_id = a.item_id AND orj.output_id = r.output_id
     WHERE a.project_id = '${projectId}' AND gc.rc < gr.rr
     ORDER BY i.position, a.submitted_at, a.id, gc.rc, c.output_id, gr.rr, r.output_id
  ) TO STDOUT`;
}

async function psqlCopy(url: string, projectId: string): Promise<Transfer> {
  const started = performance.now();
  const child = spawn('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', copyQuery(projectId)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const transfer = await drain(child.stdout, started);
  const code = await exited;
  if (code !== 0) throw new Error(`psql exited with ${code}`);
  return transfer;
}

const name = `feedbench_bench_export_${process.pid}`;
const database = await createBenchDatabase(flags['pg-url'] as string, name);
const server = new ServerProcess(Number(flags.port), database.url, flags['server-node-options']);
let failed = false;
try {
  console.log(
    `generating ${items.toLocaleString('en')} items x K=${k} (${pairsPerItem} pairs each, ${expectedPairs.toLocaleString('en')} pairs) in ${name}`,
  );
  const seedStarted = performance.now();
  const seeded = await seedRankingProject(database.url, {
    items,
    k,
    promptChars: Number(flags['prompt-chars']),
    outputChars: Number(flags['output-chars']),
  });
  console.log(`  generated in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
  await server.start();
  const startupPeakMiB = server.memory().peakMiB;
  await server.settle();
  const startup = server.memory();
  // Start-up (migrations, first requests) has its own peak; the target is about the export.
  server.resetPeak();
  const http = await httpExport(server, seeded.projectId, seeded.cookie);
  const memory = server.memory();
  const copy = await psqlCopy(database.url, seeded.projectId);

  const schema = exportLineSchemas['trl-preference'].safeParse(JSON.parse(http.firstLine));
  if (!schema.success) throw new Error(`first line is not a trl-preference line: ${schema.error.message}`);
  if (http.lines !== expectedPairs) throw new Error(`HTTP export wrote ${http.lines} lines, expected ${expectedPairs}`);
  if (copy.lines !== expectedPairs) throw new Error(`COPY wrote ${copy.lines} rows, expected ${expectedPairs}`);

  const rate = (t: Transfer) =>
    `${(t.lines / t.seconds).toFixed(0).padStart(8)} pairs/s ${(mib(t.bytes) / t.seconds).toFixed(1).padStart(6)} MiB/s ` +
    `(${t.lines.toLocaleString('en')} lines, ${mib(t.bytes).toFixed(0)} MiB in ${t.seconds.toFixed(1)} s)`;
  const ratio = http.lines / http.seconds / (copy.lines / copy.seconds);
  console.log(`  HTTP trl-preference   ${rate(http)}`);
  console.log(`  psql COPY (SQL JSON)  ${rate(copy)}`);
  console.log(`  ratio HTTP / COPY = ${ratio.toFixed(2)} (target >= 0.25)`);
  console.log(
    `  server RSS: ${startup.rssMiB.toFixed(0)} MiB idle after start (start-up peak ${startupPeakMiB.toFixed(0)} MiB); ` +
      `peak during the export ${memory.peakMiB.toFixed(0)} MiB (VmHWM reset before it; highest 100 ms sample ` +
      `${http.peakSampleMiB.toFixed(0)} MiB) (target < 300 MiB)`,
  );
  failed = ratio < 0.25 || memory.peakMiB >= 300;
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await server.stop();
  if (flags['keep-db']) console.log(`kept database ${database.url}`);
  else await database.drop();
}
console.log(failed ? 'bench:export FAILED a target' : 'bench:export met both targets');
process.exit(failed ? 1 : 0);
