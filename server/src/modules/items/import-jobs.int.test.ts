import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../db/client.ts';
import { buildTestApp, type FakeClock, rankingLine, type SignedIn, type TestHarness } from '../../test/test-app.ts';
import { createImportJobsRepository } from './import-jobs.repository.ts';

let h: TestHarness;
let researcher: Awaited<ReturnType<TestHarness['user']>>;
beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
}, 180_000);
afterAll(() => h.close());

const jsonl = (lines: unknown[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');

async function count(table: 'items' | 'import_staging' | 'import_jobs', projectId?: string): Promise<number> {
  const where =
    table === 'import_staging' ? sql`true` : sql`project_id = ${projectId ?? '00000000-0000-4000-8000-000000000000'}`;
  const [row] = await rawRows<{ n: number }>(
    h.database.db,
    sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`,
  );
  return row?.n ?? 0;
}

function upload(who: SignedIn | undefined, projectId: string, payload: string | Buffer | Readable, route = 'imports') {
  return h.app.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/${route}`,
    headers: { ...(who?.headers ?? {}), 'content-type': 'application/x-ndjson' },
    payload,
  });
}

/** 100 MiB of import lines produced only as they are read, counting what the server pulled. */
function hugeBody() {
  const line = Buffer.from(`${JSON.stringify(rankingLine('x'.repeat(100)))}\n`);
  const target = 100 * 1024 * 1024;
  const pulled = { bytes: 0 };
  const body = new Readable({
    read() {
      if (pulled.bytes >= target) return this.push(null);
      pulled.bytes += line.length * 64;
      this.push(Buffer.concat(Array.from({ length: 64 }, () => line)));
    },
  });
  return { body, pulled };
}

describe('streaming import', () => {
  it('rejects a file whose one bad line is far down whole, naming it, and leaves nothing visible or staged', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    const lines: unknown[] = Array.from({ length: 6000 }, (_, i) => rankingLine(`item-${i}`, 2));
    lines[5990] = { ...rankingLine('bad', 2), outputs: [{ id: 'a', content: 'only one' }] };
    const response = await upload(researcher, project.id, jsonl(lines));
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toEqual({
      badLines: 1,
      problems: [
        {
          line: 5991,
          field: 'outputs',
          message: expect.any(String),
          code: 'output_count',
          params: expect.objectContaining({ min: 2, max: 9, count: 1 }),
        },
      ],
    });
    expect(await count('items', project.id)).toBe(0);
    expect(await count('import_staging')).toBe(0);
    // A refused file leaves no job behind either.
    expect(await count('import_jobs', project.id)).toBe(0);
  });

  it('imports a gzip upload in one piece, in file order, and stays idempotent by id on re-import', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    const lines = Array.from({ length: 3000 }, (_, i) => rankingLine(`g-${i}`, 3));
    const gz = gzipSync(Buffer.from(jsonl(lines)));
    const first = await upload(researcher, project.id, gz);
    expect(first.json()).toEqual({ lines: 3000, created: 3000, existing: 0 });
    const order = await rawRows<{ external_id: string }>(
      h.database.db,
      sql`select external_id from items where project_id = ${project.id} order by position limit 3`,
    );
    expect(order.map((r) => r.external_id)).toEqual(['g-0', 'g-1', 'g-2']);
    const [outputs] = await rawRows<{ n: number }>(
      h.database.db,
      sql`select count(*)::int as n from item_outputs o join items i on i.id = o.item_id where i.project_id = ${project.id}`,
    );
    expect(outputs?.n).toBe(9000);
    const again = await upload(researcher, project.id, gzipSync(Buffer.from(jsonl([lines[0], rankingLine('g-new')]))));
    expect(again.json()).toEqual({ lines: 2, created: 1, existing: 1 });
    expect(await count('items', project.id)).toBe(3001);
    // The move may run without row triggers (import-jobs.repository.ts, skipRowTriggers): the counters still hold
    // every item, and every slot and output belongs to an item of the project.
    const [kept] = await rawRows<{ counted: number; slots: number; orphans: number }>(
      h.database.db,
      sql`select (select sum(items)::int from item_counters where project_id = ${project.id}) as counted,
                 (select count(*)::int from item_slots where project_id = ${project.id}) as slots,
                 (select count(*)::int from item_outputs o where not exists (select 1 from items i where i.id = o.item_id))
                   as orphans`,
    );
    expect(kept).toEqual({ counted: 3001, slots: 3001, orphans: 0 });
  });

  it('answers a broken gzip file (cut short, corrupt, junk after it) with a 422 that says so, writing nothing', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    const whole = gzipSync(Buffer.from(jsonl(Array.from({ length: 200 }, (_, i) => rankingLine(`z-${i}`, 2)))));
    const broken = {
      'cut short': whole.subarray(0, Math.floor(whole.length * 0.6)),
      'cut after its header': whole.subarray(0, 15),
      corrupt: Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('garbage garbage garbage')]),
      'junk after it': Buffer.concat([whole, Buffer.from('junk')]),
    };
    for (const [what, body] of Object.entries(broken)) {
      const response = await upload(researcher, project.id, body);
      expect(response.statusCode, `${what}: ${response.body}`).toBe(422);
      expect(response.json().error.code).toBe('import.unreadable');
      expect(response.json().error.message).toMatch(/not valid gzip/);
      // The preview reads a head: it shows the lines before a cut or junk far down (not complete); a file broken
      // before its first line is refused.
      const preview = await upload(researcher, project.id, body, 'import-preview');
      if (what === 'cut short' || what === 'junk after it')
        expect(preview.json()).toMatchObject({ gzip: true, complete: false, badLines: 0 });
      else expect(preview.json().error?.code, `${what} preview: ${preview.body}`).toBe('import.unreadable');
      const job = await upload(researcher, project.id, body, 'import-jobs');
      expect(job.statusCode, job.body).toBe(202);
      await h.services.items.imports.settle(job.json().id);
      const ended = await h.app.inject({
        url: `/api/projects/${project.id}/import-jobs/${job.json().id}`,
        headers: researcher.headers,
      });
      expect(ended.json(), what).toMatchObject({ status: 'failed', error: expect.stringMatching(/not valid gzip/) });
    }
    expect(await count('items', project.id)).toBe(0);
    expect(await count('import_staging')).toBe(0);
  });

  it('puts no trigger but the item counters on the tables an import writes without row triggers', async () => {
    // skipRowTriggers turns every trigger of the move off and keeps item_counters itself: a new trigger on one of
    // these tables would silently not fire for imports. Add its work to the move before adding it here.
    const triggers = await rawRows<{ name: string }>(
      h.database.db,
      sql`select t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
          where not t.tgisinternal and c.relname in
            ('items', 'item_outputs', 'item_references', 'item_slots', 'item_selection_scores', 'item_counters',
             'import_jobs', 'import_staging', 'import_staging_outputs')
          order by 1`,
    );
    expect(triggers.map((t) => t.name)).toEqual([
      'items_counters_delete',
      'items_counters_insert',
      'items_counters_update',
    ]);
  });

  it('names the field of metadata nested 20,000 levels deep, of NUL characters and lone surrogates: 422, not 500', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    const deep = `{"id":"deep","prompt":"p","outputs":[{"id":"a","content":"x"},{"id":"b","content":"y"}],"metadata":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`;
    const response = await upload(
      researcher,
      project.id,
      jsonl([
        rankingLine('fine', 2),
        deep,
        { ...rankingLine('nul', 2), prompt: 'a\u0000b' },
        { ...rankingLine('nul-key', 2), metadata: { 'k\u0000': 1 } },
        `{"id":"surrogate","prompt":"\\ud800","outputs":[{"id":"a","content":"x"},{"id":"b","content":"y"}]}`,
      ]),
    );
    expect(response.statusCode).toBe(422);
    const problems = response.json().error.details.problems as { line: number; field: string; message: string }[];
    expect(problems.map((p) => [p.line, p.field.split('.')[0]])).toEqual([
      [2, 'metadata'],
      [3, 'prompt'],
      [4, 'metadata'],
      [5, 'prompt'],
    ]);
    expect(problems[0]?.message).toMatch(/nested deeper than 64 levels/);
    expect(problems[1]?.message).toMatch(/NUL/);
    expect(problems[3]?.message).toMatch(/surrogate/);
    // The report quotes the key as an escape: a NUL could not be stored in the job's report either.
    expect(problems[2]?.field).toBe('metadata.k\\u0000');
    expect(await count('items', project.id)).toBe(0);
  });

  it('reports an id repeated far from its first line, naming both lines', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    const lines = Array.from({ length: 2500 }, (_, i) => rankingLine(`d-${i}`, 2));
    lines.push(rankingLine('d-7', 2));
    const response = await upload(researcher, project.id, jsonl(lines));
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details.problems).toEqual([
      {
        line: 2501,
        field: 'id',
        message: 'duplicate id "d-7" (first on line 8)',
        code: 'duplicate_id',
        params: { id: 'd-7', firstLine: 8 },
      },
    ]);
    expect(await count('items', project.id)).toBe(0);
  });
});

describe('import jobs', () => {
  it('runs an upload in the background: 202 at once, then done with its counts, listed newest first', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    const response = await upload(
      researcher,
      project.id,
      jsonl([rankingLine('j1'), rankingLine('j2')]),
      'import-jobs?fileName=two.jsonl',
    );
    expect(response.statusCode).toBe(202);
    const job = response.json();
    expect(job).toMatchObject({ status: 'running', fileName: 'two.jsonl', format: 'feedbench' });
    await h.services.items.imports.settle(job.id);
    const list = await h.app.inject({ url: `/api/projects/${project.id}/import-jobs`, headers: researcher.headers });
    expect(list.json().jobs[0]).toMatchObject({ id: job.id, status: 'done', created: 2, existing: 0, linesRead: 2 });
    expect(await count('items', project.id)).toBe(2);
  });

  it('pages through the imports once, newest first, through ties in time and a deleted job between pages', async () => {
    // The fake clock stands still: the five imports start at one instant (a tie on the time, broken by job id).
    const project = await h.project(researcher, { kind: 'ranking' });
    for (let i = 0; i < 5; i++)
      expect((await upload(researcher, project.id, jsonl([rankingLine(`p${i}`)]))).statusCode).toBe(200);
    const list = (query: string) =>
      h.app.inject({ url: `/api/projects/${project.id}/import-jobs?${query}`, headers: researcher.headers });
    const whole = (await list('limit=100')).json().jobs.map((j: { id: string }) => j.id) as string[];
    expect(whole).toHaveLength(5);
    expect(whole).toEqual([...whole].sort().reverse());

    const first = (await list('limit=2')).json();
    // Arranged directly (no route deletes a job): the cursor's own job goes, and the next page starts after it.
    await h.database.db.execute(sql`delete from import_jobs where id = ${first.jobs.at(-1).id}`);
    const second = (await list(`limit=2&cursor=${first.nextCursor}`)).json();
    const third = (await list(`limit=2&cursor=${second.nextCursor}`)).json();
    expect(third.nextCursor).toBeNull();
    expect([...first.jobs, ...second.jobs, ...third.jobs].map((j: { id: string }) => j.id)).toEqual(whole);
    expect((await list('cursor=bm90LWEtY3Vyc29y')).statusCode).toBe(400);
  });

  it('keeps the line report of a file refused in the background', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    const response = await upload(researcher, project.id, jsonl([rankingLine('ok'), '{oops']), 'import-jobs');
    await h.services.items.imports.settle(response.json().id);
    const job = await h.app.inject({
      url: `/api/projects/${project.id}/import-jobs/${response.json().id}`,
      headers: researcher.headers,
    });
    expect(job.json()).toMatchObject({
      status: 'failed',
      badLines: 1,
      problems: [
        {
          line: 2,
          field: '(line)',
          message: expect.stringMatching(/^not valid JSON/),
          code: 'invalid_json',
          params: { detail: expect.any(String) },
        },
      ],
      error: expect.stringMatching(/1 bad line/),
    });
    expect(await count('items', project.id)).toBe(0);
  });

  it('lists a job interrupted by a restart as failed and drops what it had staged', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    const repository = createImportJobsRepository(h.database.db);
    const startedAt = h.clock.now();
    const job = await repository.insert({
      projectId: project.id,
      format: 'feedbench',
      fileName: 'cut.jsonl',
      createdAt: startedAt,
      updatedAt: startedAt,
    });
    const outputs = [
      { id: 'a', content: 'first "quoted" \\ answer' },
      { id: 'b', content: 'second', model: 'm', score: 0.5 },
    ];
    await repository.stage(job.id, [
      { line: 1, itemId: randomUUID(), item: { id: 'x', prompt: 'p', outputs }, reference: null, derivedId: false },
    ]);
    const [stagedOutputs] = await rawRows<{ n: number }>(
      h.database.db,
      sql`select count(*)::int as n from import_staging_outputs where job_id = ${job.id}`,
    );
    expect(stagedOutputs?.n).toBe(2);
    (h.clock as FakeClock).advance(3 * 60_000);
    const list = await h.app.inject({ url: `/api/projects/${project.id}/import-jobs`, headers: researcher.headers });
    expect(list.json().jobs[0]).toMatchObject({
      id: job.id,
      status: 'failed',
      error: expect.stringMatching(/interrupted/),
    });
    const [staged] = await rawRows<{ n: number }>(
      h.database.db,
      sql`select (select count(*) from import_staging where job_id = ${job.id})::int
               + (select count(*) from import_staging_outputs where job_id = ${job.id})::int as n`,
    );
    expect(staged?.n).toBe(0);
    expect(await count('items', project.id)).toBe(0);
  });
});

describe('uploads before authorization', () => {
  it('refuses an anonymous, an annotator and an outsider 100 MiB upload before reading the body, writing nothing', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    const annotator = await h.user('annotator');
    await h.addMember(researcher, project.id, annotator);
    const outsider = await h.user('researcher');
    for (const route of ['imports', 'import-jobs']) {
      for (const [who, status] of [
        [undefined, 401],
        [annotator, 403],
        [outsider, 404],
      ] as const) {
        const { body, pulled } = hugeBody();
        const heapBefore = process.memoryUsage().heapUsed;
        const response = await upload(who, project.id, body, route);
        expect(response.statusCode).toBe(status);
        // At most what the stream buffers ahead on its own (a few chunks), never the body.
        expect(pulled.bytes).toBeLessThan(2 * 1024 * 1024);
        expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50 * 1024 * 1024);
        body.destroy();
      }
    }
    expect(await count('import_jobs', project.id)).toBe(0);
    expect(await count('items', project.id)).toBe(0);
  }, 120_000);
});
