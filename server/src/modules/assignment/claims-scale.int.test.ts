import type { Task } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../db/client.ts';
import { nextTask, type Person, submitTask } from '../../test/annotating.ts';
import { buildTestApp, engine, type FakeClock, rankingLine, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
let researcher: Person;
beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
});
afterAll(() => h.close());

async function projectWith(items: number, overlapTarget = 1) {
  const project = await h.project(researcher, { kind: 'ranking' });
  if (overlapTarget !== 1) {
    const patched = await h.app.inject({
      method: 'PATCH',
      url: `/api/projects/${project.id}`,
      headers: researcher.headers,
      payload: { overlapTarget },
    });
    expect(patched.statusCode).toBe(200);
  }
  const imported = await h.importItems(
    researcher,
    project.id,
    Array.from({ length: items }, (_, i) => rankingLine(`item-${i}`)),
  );
  expect(imported.statusCode).toBe(200);
  return project;
}

/** Signing in hashes a password (slow by design): the tests reuse a few annotators across their projects. */
const people: Person[] = [];
async function annotator(projectId: string, index = 0): Promise<Person> {
  people[index] ??= await h.user('annotator');
  const person = people[index] as Person;
  await h.addMember(researcher, projectId, person);
  return person;
}

async function progress(projectId: string) {
  const response = await h.app.inject({
    method: 'GET',
    url: `/api/projects/${projectId}`,
    headers: researcher.headers,
  });
  return response.json().progress;
}

/** The same counters counted over the rows, independently of item_counters. */
async function countedProgress(projectId: string, overlapTarget: number) {
  const [row] = await rawRows<{ items: string; annotations: string; complete: string }>(
    h.database.db,
    sql`select (select count(*) from items where project_id = ${projectId}) as items,
               (select count(*) from annotations where project_id = ${projectId}) as annotations,
               (select count(*) from items i where i.project_id = ${projectId}
                  and (select count(*) from annotations a where a.item_id = i.id) >= ${overlapTarget}) as complete`,
  );
  return { items: Number(row?.items), annotations: Number(row?.annotations), completedItems: Number(row?.complete) };
}

describe('one annotator asking twice at once', () => {
  // Issue 12: with one free slot, the claim that queued behind the other tab's saw "nothing left".
  it('gives both tabs the lease the annotator holds when one free slot is left', async () => {
    const rounds = engine === 'postgres' ? 8 : 2;
    for (let round = 0; round < rounds; round++) {
      const project = await projectWith(1);
      const a = await annotator(project.id);
      const tasks = await Promise.all([nextTask(h, a, project.id), nextTask(h, a, project.id)]);
      expect(tasks[0]).not.toBeNull();
      expect(tasks[1]?.leaseId).toBe(tasks[0]?.leaseId);
      expect((await progress(project.id)).activeLeases).toBe(1);
    }
  });

  it.runIf(engine === 'postgres')('gives every one of five tabs the one lease when one free slot is left', async () => {
    for (let round = 0; round < 5; round++) {
      const project = await projectWith(2);
      const [a, b] = [await annotator(project.id, 0), await annotator(project.id, 1)];
      expect(await nextTask(h, b, project.id)).not.toBeNull();
      const tasks = await Promise.all(Array.from({ length: 5 }, () => nextTask(h, a, project.id)));
      expect(new Set(tasks.map((t) => t?.leaseId ?? null)).size).toBe(1);
      expect(tasks[0]).not.toBeNull();
    }
  });
});

describe('project overview counters', () => {
  it('match the rows after imports, submits, a reopened overlap target and an expired lease', async () => {
    const project = await projectWith(5, 2);
    const [a, b] = [await annotator(project.id, 0), await annotator(project.id, 1)];
    for (const person of [a, b, a]) {
      const task = (await nextTask(h, person, project.id)) as Task;
      expect((await submitTask(h, person, task)).statusCode).toBe(200);
    }
    expect(await progress(project.id)).toMatchObject({ ...(await countedProgress(project.id, 2)), activeLeases: 0 });
    expect((await progress(project.id)).completedItems).toBe(1);

    await h.importItems(researcher, project.id, [rankingLine('item-late'), rankingLine('item-0')]);
    const held = await nextTask(h, b, project.id);
    expect(held).not.toBeNull();
    expect(await progress(project.id)).toMatchObject({ ...(await countedProgress(project.id, 2)), activeLeases: 1 });
    expect((await progress(project.id)).items).toBe(6);

    (h.clock as FakeClock).advance(31 * 60_000);
    expect((await progress(project.id)).activeLeases).toBe(0);
    const patched = await h.app.inject({
      method: 'PATCH',
      url: `/api/projects/${project.id}`,
      headers: researcher.headers,
      payload: { overlapTarget: 1 },
    });
    expect(patched.statusCode).toBe(200);
    expect(await progress(project.id)).toMatchObject(await countedProgress(project.id, 1));
    expect((await progress(project.id)).completedItems).toBe(2);
  });

  it('keeps nothing of a deleted project', async () => {
    const project = await projectWith(3);
    await h.database.db.execute(sql`delete from projects where id = ${project.id}`);
    const rows = await rawRows(h.database.db, sql`select 1 from item_counters where project_id = ${project.id}`);
    expect(rows).toEqual([]);
  });
});
