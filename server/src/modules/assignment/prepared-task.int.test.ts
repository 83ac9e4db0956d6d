import { randomUUID } from 'node:crypto';
import type { SubmitResponse, Task } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../db/client.ts';
import { nextTask, type Person, rankingAnswers } from '../../test/annotating.ts';
import { buildTestApp, type FakeClock, rankingLine, type TestHarness } from '../../test/test-app.ts';

/**
 * The prepared task (issue 15: submit -> next under 50 ms): the task after the held one, reserved beside it so the
 * page shows it the moment the annotator submits. The engine's guarantees must hold with it: exact overlap, no
 * repeats, at most one held and one prepared slot per annotator, and a prepared slot back in the pool as soon as the
 * held task's would be.
 */
let h: TestHarness;
let researcher: Person;
beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
});
afterAll(() => h.close());

const LEASE_MINUTES = 10;

async function project(items: number, overlapTarget = 1) {
  const created = await h.project(researcher, { kind: 'ranking' });
  const patched = await h.app.inject({
    method: 'PATCH',
    url: `/api/projects/${created.id}`,
    headers: researcher.headers,
    payload: { overlapTarget, leaseMinutes: LEASE_MINUTES },
  });
  expect(patched.statusCode).toBe(200);
  await h.importItems(
    researcher,
    created.id,
    Array.from({ length: items }, (_, i) => rankingLine(`item-${i}`, 2)),
  );
  return created;
}

async function annotators(projectId: string, n: number): Promise<Person[]> {
  const people = await Promise.all(Array.from({ length: n }, () => h.user('annotator')));
  for (const person of people) await h.addMember(researcher, projectId, person);
  return people;
}

async function prepare(person: Person, projectId: string): Promise<Task | null> {
  const response = await h.app.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/tasks/prepare`,
    headers: person.headers,
  });
  expect(response.statusCode).toBe(200);
  return response.json().task;
}

async function submit(person: Person, task: Task, extra: { claimNext?: boolean; prepareNext?: boolean } = {}) {
  const response = await h.app.inject({
    method: 'POST',
    url: `/api/leases/${task.leaseId}/submit`,
    headers: person.headers,
    payload: { idempotencyKey: randomUUID(), answers: rankingAnswers(task), ...extra },
  });
  expect(response.statusCode).toBe(200);
  return response.json() as SubmitResponse;
}

/** The annotator's leases in the project by state (the test reads the database, as no annotator can). */
async function leaseStates(person: Person, projectId: string) {
  const rows = await rawRows<{ state: string; n: number | string }>(
    h.database.db,
    sql`select state, count(*) as n from leases where user_id = ${person.id} and project_id = ${projectId}
        group by state`,
  );
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

const clock = () => h.clock as FakeClock;

describe('submit with prepareNext', () => {
  it('answers the next task and prepares the one after it; the next submit promotes the prepared one', async () => {
    const { id } = await project(3);
    const [annotator] = (await annotators(id, 1)) as [Person];
    const first = (await nextTask(h, annotator, id)) as Task;
    const one = await submit(annotator, first, { claimNext: true, prepareNext: true });
    const second = one.next as Task;
    const third = one.prepared as Task;
    expect(new Set([first.item.id, second.item.id, third.item.id]).size).toBe(3);
    // Held: the next task; the prepared one is not served as held.
    expect((await nextTask(h, annotator, id))?.leaseId).toBe(second.leaseId);
    expect(await prepare(annotator, id)).toMatchObject({ leaseId: third.leaseId, outputs: third.outputs });
    expect(await leaseStates(annotator, id)).toEqual({ submitted: 1, active: 1, prepared: 1 });
    // The dashboard's "in progress" counts the task being worked on, not the one reserved after it.
    const dashboard = await h.app.inject({ method: 'GET', url: `/api/projects/${id}`, headers: researcher.headers });
    expect(dashboard.json().progress.activeLeases).toBe(1);

    const two = await submit(annotator, second, { claimNext: true, prepareNext: true });
    // The prepared task, exactly as shown before (same lease, same display order), now held; nothing after it.
    expect(two.next).toMatchObject({ leaseId: third.leaseId, item: third.item, outputs: third.outputs });
    expect(two.prepared).toBeNull();
    const three = await submit(annotator, two.next as Task, { claimNext: true, prepareNext: true });
    expect(three.next).toBeNull();
    expect(three.prepared).toBeUndefined();
    expect(await leaseStates(annotator, id)).toEqual({ submitted: 3 });
  });

  it('leaves the answer unchanged for clients that do not ask for it', async () => {
    const { id } = await project(3);
    const [annotator] = (await annotators(id, 1)) as [Person];
    const first = (await nextTask(h, annotator, id)) as Task;
    const answer = await submit(annotator, first, { claimNext: true });
    expect(answer.next).not.toBeNull();
    expect(answer).not.toHaveProperty('prepared');
    expect(await leaseStates(annotator, id)).toEqual({ submitted: 1, active: 1 });
  });
});

describe('tasks/prepare', () => {
  it('prepares nothing for an annotator who holds no task, and nothing when the held item is the last one', async () => {
    const { id } = await project(1, 2);
    const [a, b] = (await annotators(id, 2)) as [Person, Person];
    expect(await prepare(a, id)).toBeNull();
    await nextTask(h, a, id);
    // The only item is the one held: never the same item twice, so nothing to prepare; its other slot stays free.
    expect(await prepare(a, id)).toBeNull();
    expect(await nextTask(h, b, id)).not.toBeNull();
  });

  it('keeps the prepared slot out of the pool exactly as long as the held task (heartbeats move both)', async () => {
    const { id } = await project(2);
    const [a, b] = (await annotators(id, 2)) as [Person, Person];
    const held = (await nextTask(h, a, id)) as Task;
    const prepared = (await prepare(a, id)) as Task;
    expect(prepared.item.id).not.toBe(held.item.id);
    expect(await nextTask(h, b, id)).toBeNull();

    clock().advance((LEASE_MINUTES / 2) * 60_000);
    const beat = await h.app.inject({
      method: 'POST',
      url: `/api/leases/${held.leaseId}/heartbeat`,
      headers: a.headers,
    });
    expect(beat.statusCode).toBe(200);
    clock().advance((LEASE_MINUTES / 2 + 1) * 60_000);
    // Past the prepared lease's first expiry: the heartbeat of the held task kept it.
    expect(await nextTask(h, b, id)).toBeNull();

    // The annotator left: both slots come back together.
    clock().advance(LEASE_MINUTES * 60_000);
    const taken = (await nextTask(h, b, id)) as Task;
    expect([held.item.id, prepared.item.id]).toContain(taken.item.id);
    // The slot B took over is no longer A's: A's next claim promotes nothing stale and never serves B's item.
    const again = await nextTask(h, a, id);
    expect(again?.item.id).not.toBe(taken.item.id);
  });

  it('promotes the prepared task after a skip', async () => {
    const { id } = await project(3);
    const [annotator] = (await annotators(id, 1)) as [Person];
    const held = (await nextTask(h, annotator, id)) as Task;
    const prepared = (await prepare(annotator, id)) as Task;
    const skipped = await h.app.inject({
      method: 'POST',
      url: `/api/leases/${held.leaseId}/skip`,
      headers: annotator.headers,
      payload: { reason: 'other' },
    });
    expect(skipped.statusCode).toBe(204);
    expect((await nextTask(h, annotator, id))?.leaseId).toBe(prepared.leaseId);
  });

  it("returns a removed member's prepared slot to the pool with the held one", async () => {
    const { id } = await project(2);
    const [a, b] = (await annotators(id, 2)) as [Person, Person];
    await nextTask(h, a, id);
    await prepare(a, id);
    expect(await nextTask(h, b, id)).toBeNull();
    const removed = await h.app.inject({
      method: 'DELETE',
      url: `/api/projects/${id}/members/${a.id}`,
      headers: researcher.headers,
    });
    expect(removed.statusCode).toBe(200);
    const first = (await nextTask(h, b, id)) as Task;
    const { next } = await submit(b, first, { claimNext: true });
    expect(next?.item.id).not.toBe(first.item.id);
    expect(await leaseStates(a, id)).toEqual({ expired: 2 });
  });

  it('never fills an item beyond its overlap target with prepared tasks in play', async () => {
    const { id } = await project(3, 2);
    const people = await annotators(id, 3);
    // Each annotator works through the pool submitting with prepareNext, as the web page does.
    await Promise.all(
      people.map(async (person) => {
        let task = await nextTask(h, person, id);
        while (task) task = (await submit(person, task, { claimNext: true, prepareNext: true })).next ?? null;
      }),
    );
    const fills = await rawRows<{ item_id: string; n: number | string; people: number | string }>(
      h.database.db,
      sql`select item_id, count(*) as n, count(distinct user_id) as people from annotations
          where project_id = ${id} group by item_id`,
    );
    expect(fills.map((f) => [Number(f.n), Number(f.people)])).toEqual([
      [2, 2],
      [2, 2],
      [2, 2],
    ]);
    for (const person of people) expect(await leaseStates(person, id)).not.toHaveProperty('prepared');
  });

  it('two tabs preparing at once get one prepared lease, and a submit and tasks/next at once promote it once', async () => {
    const { id } = await project(4);
    const [annotator] = (await annotators(id, 1)) as [Person];
    const held = (await nextTask(h, annotator, id)) as Task;
    const prepared = await Promise.all(Array.from({ length: 4 }, () => prepare(annotator, id)));
    expect(new Set(prepared.map((t) => t?.leaseId)).size).toBe(1);
    expect(await leaseStates(annotator, id)).toEqual({ active: 1, prepared: 1 });

    const [submitted, ...asked] = await Promise.all([
      submit(annotator, held, { claimNext: true, prepareNext: true }),
      nextTask(h, annotator, id),
      nextTask(h, annotator, id),
    ]);
    expect(submitted.next?.leaseId).toBe(prepared[0]?.leaseId);
    // A tab that asked before the submit committed still sees the submitted task; one that asked after, the promoted.
    for (const task of asked) expect([held.leaseId, prepared[0]?.leaseId]).toContain(task?.leaseId);
    expect((await nextTask(h, annotator, id))?.leaseId).toBe(prepared[0]?.leaseId);
    const states = await leaseStates(annotator, id);
    expect(states.active).toBe(1);
    expect(states.prepared ?? 0).toBeLessThanOrEqual(1);
  });
});
