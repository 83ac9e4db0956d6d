import { randomUUID } from 'node:crypto';
import type { Task } from '@feedbench/shared';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../db/client.ts';
import { goldAnswers, items, projectMembers } from '../../db/schema/index.ts';
import { nextTask, type Person, rankingAnswers, submitTask } from '../../test/annotating.ts';
import { buildTestApp, rankingLine, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
let researcher: Person;
beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
});
afterAll(() => h.close());

/** A ranking project with `n` items at `overlapTarget`, `goldCount` of them gold, served at `rate`. */
async function goldProject(options: { items: number; overlapTarget: number; gold: number; rate: number }) {
  const project = await h.project(researcher, { kind: 'ranking' });
  await h.app.inject({
    method: 'PATCH',
    url: `/api/projects/${project.id}`,
    headers: researcher.headers,
    payload: { overlapTarget: options.overlapTarget },
  });
  await h.importItems(
    researcher,
    project.id,
    Array.from({ length: options.items }, (_, i) => rankingLine(`item-${i}`)),
  );
  // The gold settings are written directly: their API belongs to the gold module.
  await h.database.db.execute(sql`
    update projects set settings = jsonb_set(settings, '{gold,rate}', to_jsonb(${options.rate}::float8))
    where id = ${project.id}`);
  const rows = await h.database.db
    .select({ id: items.id })
    .from(items)
    .where(eq(items.projectId, project.id))
    .orderBy(items.position);
  const goldIds = rows.slice(0, options.gold).map((r) => r.id);
  for (const itemId of goldIds) await markGold(project.id, itemId);
  return { id: project.id, goldIds, itemIds: rows.map((r) => r.id) };
}

async function markGold(projectId: string, itemId: string) {
  await h.database.db.insert(goldAnswers).values({ itemId, projectId, answers: {} });
  await h.services.assignment.setItemGold(itemId, true);
}

async function unmarkGold(itemId: string) {
  await h.database.db.delete(goldAnswers).where(eq(goldAnswers.itemId, itemId));
  await h.services.assignment.setItemGold(itemId, false);
}

async function annotators(projectId: string, n: number): Promise<Person[]> {
  const people = await Promise.all(Array.from({ length: n }, () => h.user('annotator')));
  for (const person of people) await h.addMember(researcher, projectId, person);
  return people;
}

/** Claims and submits until nothing is left; the items served, in order. */
async function workThrough(person: Person, projectId: string): Promise<string[]> {
  const served: string[] = [];
  for (;;) {
    const task = await nextTask(h, person, projectId);
    if (!task) return served;
    served.push(task.item.id);
    expect((await submitTask(h, person, task)).statusCode).toBe(200);
  }
}

/** Claims and submits up to `n` tasks; the items served. */
async function workSome(person: Person, projectId: string, n: number): Promise<string[]> {
  const served: string[] = [];
  for (let i = 0; i < n; i++) {
    const task = await nextTask(h, person, projectId);
    if (!task) break;
    served.push(task.item.id);
    expect((await submitTask(h, person, task)).statusCode).toBe(200);
  }
  return served;
}

/** Annotations per item in regular slots (what counts against the overlap target) and in gold slots. */
async function counts(itemId: string) {
  const [row] = await rawRows<{ regular: string | number; gold: string | number }>(
    h.database.db,
    sql`select count(*) filter (where not s.gold) as regular, count(*) filter (where s.gold) as gold
        from annotations a join item_slots s on s.item_id = a.item_id and s.slot_no = a.slot_no
        where a.item_id = ${itemId}`,
  );
  return { regular: Number(row?.regular), gold: Number(row?.gold) };
}

describe('gold items in the regular pool', () => {
  it('keeps a gold item out of the regular claim when no gold is served', async () => {
    const project = await goldProject({ items: 3, overlapTarget: 1, gold: 1, rate: 0 });
    const [a] = (await annotators(project.id, 1)) as [Person];
    const served = await workThrough(a, project.id);
    expect(served).toHaveLength(2);
    expect(served).not.toContain(project.goldIds[0]);
  });

  it('returns an unmarked item to the pool, topped back up to the overlap target', async () => {
    const project = await goldProject({ items: 1, overlapTarget: 2, gold: 1, rate: 0 });
    const goldId = project.goldIds[0] as string;
    const [a, b, c] = (await annotators(project.id, 3)) as [Person, Person, Person];
    expect(await nextTask(h, a, project.id)).toBeNull();
    await unmarkGold(goldId);
    expect(await workThrough(a, project.id)).toEqual([goldId]);
    expect(await workThrough(b, project.id)).toEqual([goldId]);
    expect(await workThrough(c, project.id)).toEqual([]);
    expect(await counts(goldId)).toEqual({ regular: 2, gold: 0 });
  });
});

describe('gold serving', () => {
  it('serves some tasks from gold and some regular at rate 0.5, looking the same', async () => {
    const project = await goldProject({ items: 30, overlapTarget: 1, gold: 10, rate: 0.5 });
    const [a] = (await annotators(project.id, 1)) as [Person];
    const tasks: Task[] = [];
    for (let i = 0; i < 12; i++) {
      const task = (await nextTask(h, a, project.id)) as Task;
      tasks.push(task);
      expect((await submitTask(h, a, task)).statusCode).toBe(200);
    }
    const gold = tasks.filter((t) => project.goldIds.includes(t.item.id));
    // crypto draws at 0.5 with 10 gold and 20 regular items: all 12 alike has probability 2 * 2^-12.
    expect(gold.length).toBeGreaterThan(0);
    expect(gold.length).toBeLessThan(12);
    // Indistinguishable: the same keys in the same shape (no gold flag, outputs labelled the same way).
    const regular = tasks.find((t) => !project.goldIds.includes(t.item.id)) as Task;
    expect(Object.keys(gold[0] as Task).sort()).toEqual(Object.keys(regular).sort());
    expect(JSON.stringify(gold)).not.toMatch(/gold/i);
  });

  it('serves a gold item to more annotators than the overlap target, never twice to one, outside the target', async () => {
    const project = await goldProject({ items: 60, overlapTarget: 1, gold: 1, rate: 0.5 });
    const goldId = project.goldIds[0] as string;
    const people = await annotators(project.id, 3);
    for (const person of people) {
      const served: string[] = [];
      // Until gold was served, then two more: at 0.5 a miss in 25 draws has probability 2^-25.
      for (let i = 0; i < 25 && served.filter((id) => id === goldId).length === 0; i++)
        served.push(...(await workSome(person, project.id, 1)));
      served.push(...(await workSome(person, project.id, 2)));
      expect(served.filter((id) => id === goldId)).toHaveLength(1);
    }
    expect(await counts(goldId)).toEqual({ regular: 0, gold: 3 });
    // Gold answers are not progress towards the item's target.
    const [row] = await h.database.db.select({ count: items.annotationCount }).from(items).where(eq(items.id, goldId));
    expect(row?.count).toBe(0);
  }, 120_000);

  it('keeps the gold mix when tasks are prepared ahead (the draw is made when a task is prepared)', async () => {
    const project = await goldProject({ items: 30, overlapTarget: 1, gold: 10, rate: 0.5 });
    const [a] = (await annotators(project.id, 1)) as [Person];
    let task = (await nextTask(h, a, project.id)) as Task;
    const served = [task.item.id];
    for (let i = 0; i < 12; i++) {
      const response = await h.app.inject({
        method: 'POST',
        url: `/api/leases/${task.leaseId}/submit`,
        headers: a.headers,
        payload: { idempotencyKey: randomUUID(), answers: rankingAnswers(task), claimNext: true, prepareNext: true },
      });
      expect(response.statusCode).toBe(200);
      task = response.json().next;
      served.push(task.item.id);
    }
    // Every task after the first was prepared ahead, then promoted: as above, all 12 alike has probability 2 * 2^-12.
    const gold = served.slice(1).filter((id) => project.goldIds.includes(id));
    expect(gold.length).toBeGreaterThan(0);
    expect(gold.length).toBeLessThan(12);
    expect(new Set(served).size).toBe(served.length);
  });

  it('gives a gold task held by an annotator back when they ask again', async () => {
    const project = await goldProject({ items: 1, overlapTarget: 1, gold: 1, rate: 0.5 });
    const [a] = (await annotators(project.id, 1)) as [Person];
    // The only item is gold: a regular claim finds nothing, so a task can only come from a gold draw.
    let first: Task | null = null;
    for (let i = 0; i < 40 && !first; i++) first = await nextTask(h, a, project.id);
    expect(first?.item.id).toBe(project.goldIds[0]);
    expect((await nextTask(h, a, project.id))?.leaseId).toBe(first?.leaseId);
    expect((await submitTask(h, a, first as Task, rankingAnswers(first as Task))).statusCode).toBe(200);
    expect(await nextTask(h, a, project.id)).toBeNull();
  });
});

describe('paused annotators', () => {
  it('refuses next-task to a paused annotator with 403, saying why and whom to contact', async () => {
    const project = await goldProject({ items: 2, overlapTarget: 1, gold: 0, rate: 0 });
    const [a] = (await annotators(project.id, 1)) as [Person];
    await h.database.db
      .update(projectMembers)
      .set({ pausedAt: new Date(), pausedReason: 'gold accuracy 0.40 below 0.70 after 5 answers' })
      .where(and(eq(projectMembers.projectId, project.id), eq(projectMembers.userId, a.id)));
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/tasks/next`,
      headers: a.headers,
    });
    expect(response.statusCode).toBe(403);
    const { error } = response.json();
    expect(error.code).toBe('assignment.annotator_paused');
    expect(error.message).toMatch(/control items/);
    expect(error.message).toMatch(/researcher/);
    expect(error.message).toContain('gold accuracy 0.40 below 0.70');

    await h.database.db
      .update(projectMembers)
      .set({ pausedAt: null, pausedReason: null })
      .where(and(eq(projectMembers.projectId, project.id), eq(projectMembers.userId, a.id)));
    expect(await nextTask(h, a, project.id)).not.toBeNull();
  });
});
