import type { Task } from '@feedbench/shared';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../db/client.ts';
import { annotations, reviews } from '../../db/schema/index.ts';
import { nextTask, type Person, submitTask } from '../../test/annotating.ts';
import { buildTestApp, rankingLine, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
let researcher: Person;
beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
});
afterAll(() => h.close());

async function project(overlapTarget: number) {
  const created = await h.project(researcher, { kind: 'ranking' });
  await setTarget(created.id, overlapTarget);
  await h.importItems(researcher, created.id, [rankingLine('only')]);
  return created;
}

async function setTarget(projectId: string, overlapTarget: number) {
  const response = await h.app.inject({
    method: 'PATCH',
    url: `/api/projects/${projectId}`,
    headers: researcher.headers,
    payload: { overlapTarget },
  });
  expect(response.statusCode).toBe(200);
}

async function annotators(projectId: string, n: number): Promise<Person[]> {
  const people = await Promise.all(Array.from({ length: n }, () => h.user('annotator')));
  for (const person of people) await h.addMember(researcher, projectId, person);
  return people;
}

/** What a rejection leaves behind: the review row (written directly; the review module owns its API). */
async function reject(annotationId: string) {
  const [a] = await h.database.db.select().from(annotations).where(eq(annotations.id, annotationId));
  if (!a) throw new Error('no such annotation');
  await h.database.db.insert(reviews).values({
    annotationId,
    projectId: a.projectId,
    itemId: a.itemId,
    annotatorId: a.userId,
    verdict: 'rejected',
    comment: 'off topic',
  });
}

/** The issue 3 invariant with reviews: annotations not rejected, in regular slots, per item. */
async function acceptedCount(itemId: string) {
  const [row] = await rawRows<{ n: string | number }>(
    h.database.db,
    sql`select count(*) as n from annotations a
        join item_slots s on s.item_id = a.item_id and s.slot_no = a.slot_no and not s.gold
        where a.item_id = ${itemId}
          and not exists (select 1 from reviews r where r.annotation_id = a.id and r.verdict = 'rejected')`,
  );
  return Number(row?.n);
}

describe('reopening an item after a rejection', () => {
  it('collects one replacement annotation from another annotator, never more than the target', async () => {
    const p = await project(1);
    const [a, b, c] = (await annotators(p.id, 3)) as [Person, Person, Person];
    const task = (await nextTask(h, a, p.id)) as Task;
    const first = await submitTask(h, a, task);
    expect(first.statusCode).toBe(200);
    expect(await nextTask(h, b, p.id)).toBeNull();

    await reject(first.json().annotationId);
    expect(await h.services.assignment.reopenItem(task.item.id)).toBe(true);
    // The rejected annotator never gets the item again; the next one does, once.
    expect(await nextTask(h, a, p.id)).toBeNull();
    const replacement = (await nextTask(h, b, p.id)) as Task;
    expect(replacement.item.id).toBe(task.item.id);
    expect((await submitTask(h, b, replacement)).statusCode).toBe(200);
    expect(await nextTask(h, c, p.id)).toBeNull();
    expect(await acceptedCount(task.item.id)).toBe(1);
  });

  it('keeps the reopened slot when the overlap target is saved again', async () => {
    const p = await project(1);
    const [a, b] = (await annotators(p.id, 2)) as [Person, Person];
    const task = (await nextTask(h, a, p.id)) as Task;
    const first = await submitTask(h, a, task);
    await reject(first.json().annotationId);
    await h.services.assignment.reopenItem(task.item.id);
    await setTarget(p.id, 2);
    await setTarget(p.id, 1);
    expect((await nextTask(h, b, p.id))?.item.id).toBe(task.item.id);
  });

  it('reopens inside the caller transaction', async () => {
    const p = await project(1);
    const [a, b] = (await annotators(p.id, 2)) as [Person, Person];
    const task = (await nextTask(h, a, p.id)) as Task;
    const first = await submitTask(h, a, task);
    await reject(first.json().annotationId);
    // Only the tx inside: PGlite has one connection, a query on db here would wait for this transaction.
    await h.database.db.transaction(async (tx) => {
      expect(await h.services.assignment.reopenItem(task.item.id, tx)).toBe(true);
    });
    expect((await nextTask(h, b, p.id))?.item.id).toBe(task.item.id);
  });
});
