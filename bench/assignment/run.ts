// pnpm bench:assignment [--annotators 200] [--items 400] [--overlap 3] [--think-ms 10000 | --stress] [--policy P] ...
// Two server instances on one real PostgreSQL, virtual annotators over HTTP, a crash and a pool reset midway, then
// the invariants of issue 3 checked against the database; then claim+submit throughput over HTTP against the same
// transactions issued directly through the services on a pg pool (the floor). Exits 1 on any violation. See README.md.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { OrderingPolicy } from '@feedbench/shared';
import pg from 'pg';
import { createBenchDatabase } from '../lib/bench-database.ts';
import { freePort, ServerInstance } from './instances.ts';
import { checkInvariants } from './invariants.ts';
import { seedProject } from './setup.ts';
import { simulateAnnotators } from './simulate.ts';
import { directDriver, httpDriver, measureThroughput } from './throughput.ts';

const { values: flags } = parseArgs({
  options: {
    annotators: { type: 'string', default: '200' },
    items: { type: 'string', default: '400' },
    overlap: { type: 'string', default: '3' },
    k: { type: 'string', default: '4' },
    'lease-seconds': { type: 'string', default: '10' },
    /**
     * Mean time an annotator spends on one task (each takes 0.5x..1.5x this). Default 10 s: the short end of what
     * people spend on a ranking or a demonstration (seconds to minutes). --stress: 100 ms, an engine saturation test.
     */
    'think-ms': { type: 'string' },
    stress: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    'deadline-seconds': { type: 'string', default: '240' },
    'pg-url': { type: 'string', default: process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    /** Default: two free ports picked by the OS. */
    'base-port': { type: 'string' },
    'skip-throughput': { type: 'boolean', default: false },
    /** Write every request's start (performance.now() ms) and latency of the fault run to this JSON file. */
    samples: { type: 'string' },
    /** The project's ordering policy (shared ORDERING_POLICIES): the guarantees must hold under every one. */
    policy: { type: 'string', default: 'closest-to-completion' },
  },
});
const n = (name: keyof typeof flags) => Number(flags[name]);
const thinkMs = flags['think-ms'] !== undefined ? Number(flags['think-ms']) : flags.stress ? 100 : 10_000;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const annotatorCount = n('annotators');
const items = n('items');
const overlap = n('overlap');

const database = await createBenchDatabase(flags['pg-url'] as string, `feedbench_bench_${process.pid}_${Date.now()}`);
const basePort = flags['base-port'] ? Number(flags['base-port']) : undefined;
const instances = [
  new ServerInstance('feedbench-a', basePort ?? (await freePort()), database.url),
  new ServerInstance('feedbench-b', basePort ? basePort + 1 : await freePort(), database.url),
];
let failed = false;
try {
  const seedOptions = {
    annotators: annotatorCount,
    items,
    overlap,
    k: n('k'),
    leaseMinutes: n('lease-seconds') / 60,
    ordering: flags.policy as OrderingPolicy,
  };
  const faultRun = await seedProject(database.url, { ...seedOptions, label: 'fault' });
  await Promise.all(instances.map((i) => i.start()));
  console.log(
    `fault run: ${annotatorCount} annotators, ${items} items x overlap ${overlap} (${items * overlap} slots), K=${n('k')}, ` +
      `lease ${n('lease-seconds')} s, work ${thinkMs / 2}..${(thinkMs * 3) / 2} ms per task (heartbeats at half lease), ` +
      `arriving over the first ${thinkMs} ms, 2 instances; load average ${load()}`,
  );

  const faults: string[] = [];
  const record = await simulateAnnotators({
    instances,
    projectId: faultRun.projectId,
    annotators: faultRun.annotators,
    seed: n('seed'),
    thinkMs,
    targetSubmits: items * overlap,
    deadlineMs: n('deadline-seconds') * 1000,
    async onMidway() {
      const [a, b] = instances as [ServerInstance, ServerInstance];
      const killedAt = performance.now();
      faults.push(`${new Date().toISOString()} SIGKILL ${a.name}`);
      await a.kill();
      // The other instance loses every database connection at once (pool and LISTEN), as in a failover.
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      const poolKilledAt = performance.now();
      const killed = await admin.query(
        `select count(*) filter (where pg_terminate_backend(pid)) as n from pg_stat_activity
          where application_name like $1 and pid <> pg_backend_pid()`,
        [`${b.name}%`],
      );
      await admin.end();
      faults.push(`terminated ${killed.rows[0]?.n} connections of ${b.name}`);
      // B's pool-restart window lasts until B answers a database query again (its health check runs one).
      await b.waitHealthy();
      const poolBackAt = performance.now();
      await a.start();
      const aBackAt = performance.now();
      faults.push(`${new Date().toISOString()} ${a.name} restarted`);
      return [
        { label: `${a.name} down (SIGKILL until it answers)`, from: killedAt, to: aBackAt },
        { label: `${b.name} pool restart`, from: poolKilledAt, to: poolBackAt },
      ];
    },
  });
  for (const line of faults) console.log(`  fault: ${line}`);
  if (flags.samples) {
    const samples = { next: record.next.dump(), submit: record.submit.dump(), windows: record.faultWindows };
    writeFileSync(flags.samples, JSON.stringify(samples));
    console.log(`  every request's start and latency written to ${flags.samples}`);
  }

  const { violations, facts } = await checkInvariants(database.url, faultRun.projectId, overlap, record);
  console.log(`  ${JSON.stringify(facts)}`);
  console.log(
    `  network errors retried: ${record.networkErrors}; 503s retried: ${record.retried503}; late submits refused (409): ${record.refusedLate}; ` +
      `reloads that got another task: ${record.reloadMismatches} (${record.reloadsAfterExpiry} more answered after the lease expired)`,
  );
  const seconds = record.elapsedMs / 1000;
  console.log(
    `  throughput: ${(record.ackedSubmits.length / seconds).toFixed(1)} submits/s over ${seconds.toFixed(1)} s`,
  );
  for (const w of record.faultWindows)
    console.log(`  fault window: ${w.label}: ${((w.to - w.from) / 1000).toFixed(1)} s`);
  console.log(`  heartbeats: ${record.heartbeats}; load average at the end ${load()}`);
  console.log('  latency, whole run (fault windows included):');
  console.log(`    next-task  ${record.next.summary()}`);
  console.log(`    submit     ${record.submit.summary()}`);
  // Steady state: every request that overlapped a fault window is left out (and counted), nothing else.
  const steadyNext = record.next.outside(record.faultWindows);
  const steadySubmit = record.submit.outside(record.faultWindows);
  console.log(
    `  latency, steady state (${record.next.count - steadyNext.count} next-task and ` +
      `${record.submit.count - steadySubmit.count} submit requests overlapping a fault window left out):`,
  );
  console.log(`    next-task  ${steadyNext.summary()}`);
  console.log(`    submit     ${steadySubmit.summary()}`);
  console.log(
    `    p99 next-task + p99 submit = ${(steadyNext.percentile(99) + steadySubmit.percentile(99)).toFixed(1)} ms (target < 50 ms)`,
  );
  if (record.reloadMismatches > 0)
    violations.push({ rule: 'reload returns the held task', detail: `${record.reloadMismatches}` });
  if (facts.openSlots !== 0)
    violations.push({ rule: 'all work collected', detail: `${facts.openSlots} slots still open` });
  console.log(violations.length === 0 ? '  invariants: 0 violations' : `  invariants: ${violations.length} VIOLATIONS`);
  for (const v of violations.slice(0, 20)) console.log(`    ${v.rule}: ${v.detail}`);
  failed = violations.length > 0;

  if (!flags['skip-throughput']) {
    const noAbandon = { ...seedOptions, leaseMinutes: 30 };
    const httpRun = await seedProject(database.url, { ...noAbandon, label: 'http' });
    const directRun = await seedProject(database.url, { ...noAbandon, label: 'direct' });
    const http = await measureThroughput(httpDriver(instances, httpRun.projectId), httpRun.annotators);
    // Same total connections as the two instances' pools.
    const direct = await measureThroughput(
      await directDriver(database.url, directRun.projectId, 40),
      directRun.annotators,
    );
    console.log(`claim+submit, no think time, ${annotatorCount} concurrent annotators (load average ${load()}):`);
    console.log(
      `  HTTP (2 instances)  ${http.perSecond.toFixed(1)} submits/s  next ${http.next.summary()}  submit ${http.submit.summary()}`,
    );
    console.log(
      `  direct (pg, floor)  ${direct.perSecond.toFixed(1)} submits/s  next ${direct.next.summary()}  submit ${direct.submit.summary()}`,
    );
    console.log(`  HTTP / direct = ${(http.perSecond / direct.perSecond).toFixed(2)}`);
  }
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await Promise.all(instances.map((i) => i.stop()));
  await database.drop();
}
console.log(failed ? 'bench:assignment FAILED' : 'bench:assignment passed');
process.exit(failed ? 1 : 0);
