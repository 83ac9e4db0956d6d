// pnpm bench:scale:interleaved --database-url URL [--size 1000] [--samples 31] [--port 3137] [--dir DIR]
// The researcher views of a large project and of a small one, timed in turns on one server and one database, so the
// machine's load (shared, and changing by the minute) weighs on both alike: each figure is the median of `samples`
// calls, the two projects' calls interleaved one by one. The large project is the one `pnpm bench:scale
// --keep-database` kept ("Scale bench"); the small one (`size` items, same generator) is made and imported here, into
// the same database, then deleted. Only views whose work could grow with the project's items are timed (the
// overview's counters and the item browser); agreement and export read annotations, which the small project lacks.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { openDatabase } from '../../server/src/db/client.ts';
import { users } from '../../server/src/db/schema/index.ts';
import { systemClock } from '../../server/src/lib/clock.ts';
import { createServices } from '../../server/src/services.ts';
import { writeJsonl } from './data.ts';
import { median, type Sample, timed } from './measure.ts';
import { BenchServer, getText } from './server.ts';

const { values: flags } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    size: { type: 'string', default: '1000' },
    samples: { type: 'string', default: '31' },
    port: { type: 'string', default: '3137' },
    dir: { type: 'string', default: '/tmp/feedbench-scale' },
  },
});
const url = flags['database-url'];
if (!url) throw new Error('--database-url is required (a database kept by bench:scale --keep-database)');
const root = path.resolve(import.meta.dirname, '..', '..');
const size = Number(flags.size);
const samples = Number(flags.samples);

const database = openDatabase({ kind: 'postgres', url, poolSize: 2, applicationName: 'feedbench-bench-interleaved' });
const services = createServices(database, { clock: systemClock, sessionTtlHours: 24 });
const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
const [large] = await rows<{ id: string; items: number }>(
  sql`select p.id, (select count(*)::int from items i where i.project_id = p.id) as items
      from projects p where p.name = 'Scale bench'`,
);
const [admin] = await rows<{ id: string }>(sql`select id from users where email = 'admin@bench-scale.local'`);
if (!large || !admin) throw new Error('no kept bench:scale project in this database');
const [owner] = await database.db.select().from(users).where(eq(users.id, admin.id));
const small = await services.projects.create(owner as NonNullable<typeof owner>, {
  name: `Interleaved ${size}`,
  kind: 'ranking',
  settings: {
    overlapTarget: 2,
    leaseMinutes: 30,
    ordering: 'closest-to-completion',
    questions: [{ id: 'rank', type: 'ranking', label: 'Rank', required: true, allowTies: true }],
  },
});
const file = path.join(flags.dir as string, `items-${size}.jsonl`);
await writeJsonl(file, size);
execFileSync(process.execPath, [path.join(root, 'server', 'dist', 'cli.mjs'), 'import', '--project', small.id, file], {
  env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'error' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
execFileSync('psql', [url, '-X', '-q', '-c', 'analyze'], { stdio: 'inherit' });

const server = new BenchServer(Number(flags.port), root);
const cookie = `feedbench_session=bench-${admin.id}`;
try {
  await server.start({ DATABASE_URL: url });
  // The middle page's cursor: positions are numbered across projects, so it starts from the project's first one.
  const firstPosition = async (projectId: string) =>
    (
      JSON.parse(await getText(server.base, cookie, `/api/projects/${projectId}/items?limit=1`)) as {
        items: { position: number }[];
      }
    ).items[0]?.position ?? 0;
  const views = async (projectId: string, items: number) => ({
    overview: `/api/projects/${projectId}`,
    'items page 1': `/api/projects/${projectId}/items?limit=50`,
    'items middle page': `/api/projects/${projectId}/items?limit=50&cursor=${(await firstPosition(projectId)) + Math.floor(items / 2)}`,
    'items complete': `/api/projects/${projectId}/items?limit=50&state=complete`,
    'items by id': `/api/projects/${projectId}/items?q=item-${Math.floor(items / 3)}`,
  });
  const big = await views(large.id, large.items);
  const little = await views(small.id, size);
  console.log(`${large.items.toLocaleString('en')} items vs ${size.toLocaleString('en')}, median of ${samples}:`);
  for (const name of Object.keys(big) as (keyof typeof big)[]) {
    const times: Record<'big' | 'little', Sample[]> = { big: [], little: [] };
    for (let i = 0; i <= samples; i++) {
      for (const which of i % 2 === 0 ? (['big', 'little'] as const) : (['little', 'big'] as const)) {
        const [ms] = await timed(() => getText(server.base, cookie, (which === 'big' ? big : little)[name]));
        if (i > 0) times[which].push(ms);
      }
    }
    const [b, l] = [median(times.big), median(times.little)];
    console.log(`  ${name.padEnd(20)} ${b.toFixed(1)} ms vs ${l.toFixed(1)} ms: ${(b / l).toFixed(2)}x`);
  }
} finally {
  await server.stop();
  await database.db.execute(sql`delete from projects where id = ${small.id}`);
  await database.close();
}
