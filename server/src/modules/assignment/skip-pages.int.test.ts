import type { Task } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { nextTask, type Person } from '../../test/annotating.ts';
import { buildTestApp, rankingLine, type TestHarness } from '../../test/test-app.ts';

// Keyset pages of the skip report (issue 12): ties in the sort key and rows deleted between pages must neither repeat
// nor lose a row.

// Four sign-ins (scrypt) and thirteen skips before the first test: slow on a loaded machine.
vi.setConfig({ hookTimeout: 240_000 });

let h: TestHarness;
let researcher: Person;
let projectId: string;
const annotators: Person[] = [];

interface SkipRow {
  itemId: string;
  externalId: string;
  annotatorEmail: string;
  createdAt: string;
}

async function skipNext(annotator: Person) {
  const task = (await nextTask(h, annotator, projectId)) as Task;
  const response = await h.app.inject({
    method: 'POST',
    url: `/api/leases/${task.leaseId}/skip`,
    headers: annotator.headers,
    payload: { reason: 'unclear-prompt', comment: `by ${annotator.email}` },
  });
  expect(response.statusCode, response.body).toBe(204);
}

async function get(url: string) {
  const response = await h.app.inject({ method: 'GET', url, headers: researcher.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** Every page of a list from `cursor` on. */
async function allPages<T>(url: string, key: 'skips' | 'items', cursor: string | null = null) {
  const rows: T[] = [];
  for (let page = 0; page < 100; page++) {
    const body = await get(cursor ? `${url}&cursor=${cursor}` : url);
    rows.push(...body[key]);
    cursor = body.nextCursor;
    if (!cursor) return rows;
  }
  throw new Error('the pages never ended');
}

const keyOf = (r: SkipRow) => `${r.itemId}|${r.annotatorEmail}`;

beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
  projectId = (await h.project(researcher, { kind: 'ranking' })).id;
  await h.importItems(
    researcher,
    projectId,
    Array.from({ length: 6 }, (_, i) => rankingLine(`s-${i}`)),
  );
  for (let i = 0; i < 3; i++) {
    const annotator = await h.user('annotator');
    await h.addMember(researcher, projectId, annotator);
    annotators.push(annotator);
  }
  // Two bursts at two instants: within each, every skip has the same created_at (a tie on the time).
  for (const annotator of annotators) for (let i = 0; i < 3; i++) await skipNext(annotator);
  // Skips are stamped by the database (now(), one per transaction): the ties are arranged by giving the whole first
  // burst one instant, to the microsecond.
  await h.database.db.execute(
    sql`update skips set created_at = '2026-03-01 12:00:00.123456+00' where project_id = ${projectId}`,
  );
  for (const annotator of annotators.slice(0, 2)) for (let i = 0; i < 2; i++) await skipNext(annotator);
});
afterAll(() => h.close());

describe('keyset pages of skips', () => {
  it('pages through every skip once, newest first, through ties in time', async () => {
    const rows = await allPages<SkipRow>(`/api/projects/${projectId}/skips?limit=2`, 'skips');
    expect(rows).toHaveLength(13);
    expect(new Set(rows.map(keyOf)).size).toBe(13);
    const times = rows.map((r) => Date.parse(r.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // The first burst is 9 skips at one instant, split over pages of 2: the tie was crossed by the keys.
    expect(rows.filter((r) => r.createdAt === '2026-03-01T12:00:00.123Z')).toHaveLength(9);
  });

  it('pages through the skipped items most skipped first, through ties in the count', async () => {
    const whole = (await get(`/api/projects/${projectId}/skips/items?limit=100`)).items as {
      itemId: string;
      skips: number;
    }[];
    const paged = await allPages<{ itemId: string; skips: number }>(
      `/api/projects/${projectId}/skips/items?limit=1`,
      'items',
    );
    expect(paged).toEqual(whole);
    expect(whole.map((i) => i.skips)).toEqual([3, 3, 3, 2, 2]);
  });

  it('neither repeats nor loses a row when rows are deleted between pages (the cursor row among them)', async () => {
    const url = `/api/projects/${projectId}/skips?limit=3`;
    const before = (await get(`/api/projects/${projectId}/skips?limit=100`)).skips as SkipRow[];
    const first = await get(url);
    const cursorRow = first.skips.at(-1) as SkipRow;
    const ahead = before[7] as SkipRow;
    for (const victim of [cursorRow, ahead]) {
      // Arranged directly: a skip leaves with its item or its account (cascade); no route deletes one alone.
      await h.database.db.execute(
        sql`delete from skips where item_id = ${victim.itemId}
            and user_id = (select id from users where email = ${victim.annotatorEmail})`,
      );
    }
    const rest = await allPages<SkipRow>(url, 'skips', first.nextCursor);
    expect(rest.map(keyOf)).toEqual(
      before
        .slice(3)
        .filter((r) => r !== ahead)
        .map(keyOf),
    );
  });

  it('refuses a cursor no page gave with 400 naming the field', async () => {
    const bad = [
      'nonsense',
      Buffer.from(JSON.stringify(['2026-01-01 00:00:00+00', 'not-a-uuid', 'x'])).toString('base64url'),
      Buffer.from(JSON.stringify(['1', 2])).toString('base64url'),
      Buffer.from(JSON.stringify([1.5, 2, 3])).toString('base64url'),
    ];
    for (const cursor of bad) {
      for (const list of ['skips', 'skips/items']) {
        const response = await h.app.inject({
          method: 'GET',
          url: `/api/projects/${projectId}/${list}?cursor=${cursor}`,
          headers: researcher.headers,
        });
        expect(response.statusCode, `${list} ${cursor}`).toBe(400);
        expect(response.body).toContain('cursor');
      }
    }
  });
});
