import { randomUUID } from 'node:crypto';
import type { Answers, Task } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rawRows } from '../../db/client.ts';
import { asShown, type Person, rankingAnswers } from '../../test/annotating.ts';
import { buildTestApp, FakeClock, rankingLine, type TestHarness } from '../../test/test-app.ts';
import { GOLD, itemIdsOf, WRONG } from './gold.fixtures.ts';

/** Gold served to annotators, scored as they submit, auto-pause at the threshold, resume; and gold stays hidden. */
// Each test signs several people in (scrypt) and walks an annotator through many tasks: slow on a loaded machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let h: TestHarness;
const clock = new FakeClock();
beforeAll(async () => {
  h = await buildTestApp({ clock });
});
afterAll(() => h.close());

/** A ranking project with `gold` gold items (g0...) among `regular` regular ones (r0...), and one annotator. */
async function arrange(gold: number, regular: number, settings: Record<string, unknown>) {
  const researcher = await h.user('researcher');
  const annotator = await h.user('annotator');
  const project = await h.project(researcher);
  await h.importItems(researcher, project.id, [
    ...Array.from({ length: gold }, (_, i) => rankingLine(`g${i}`)),
    ...Array.from({ length: regular }, (_, i) => rankingLine(`r${i}`)),
  ]);
  await h.addMember(researcher, project.id, annotator);
  const ids = await itemIdsOf(h, project.id);
  for (const [externalId, itemId] of ids) {
    if (!externalId.startsWith('g')) continue;
    const marked = await h.app.inject({
      method: 'PUT',
      url: `/api/projects/${project.id}/items/${itemId}/gold`,
      headers: researcher.headers,
      payload: { answers: GOLD },
    });
    expect(marked.statusCode).toBe(200);
  }
  const saved = await h.app.inject({
    method: 'PUT',
    url: `/api/projects/${project.id}/gold/settings`,
    headers: researcher.headers,
    payload: settings,
  });
  expect(saved.statusCode).toBe(200);
  return { researcher, annotator, project };
}

const askNext = (person: Person, projectId: string) =>
  h.app.inject({ method: 'POST', url: `/api/projects/${projectId}/tasks/next`, headers: person.headers });

const submit = async (person: Person, task: Task, answers: Answers) =>
  h.app.inject({
    method: 'POST',
    url: `/api/leases/${task.leaseId}/submit`,
    headers: person.headers,
    // claimNext as the web page sends it: the submit that pauses the annotator is still acknowledged (200, no `next`).
    // Answers name outputs as the import file did; the annotator sends the blind ids they were shown.
    payload: { idempotencyKey: randomUUID(), answers: await asShown(h, task, answers), claimNext: true },
  });

/**
 * Works through tasks (gold arrives at the project's rate, at random) until `goldAnswers` gold items are answered,
 * answering gold ones with `answerGold(n)` and regular ones correctly; calls `afterGold(n)` after each gold answer.
 */
async function annotateUntilGold(
  person: Person,
  projectId: string,
  goldAnswers: number,
  answerGold: (n: number) => Answers,
  afterGold: (n: number) => Promise<void> = async () => {},
) {
  const bodies: string[] = [];
  let answered = 0;
  for (let attempt = 0; attempt < 200 && answered < goldAnswers; attempt++) {
    const response = await askNext(person, projectId);
    expect(response.statusCode, response.body).toBe(200);
    bodies.push(response.body);
    const task = response.json().task as Task | null;
    if (!task) continue;
    const isGold = task.item.externalId.startsWith('g');
    const submitted = await submit(person, task, isGold ? answerGold(answered) : rankingAnswers(task));
    expect(submitted.statusCode, submitted.body).toBe(200);
    bodies.push(submitted.body);
    if (isGold) await afterGold(++answered);
  }
  expect(answered).toBe(goldAnswers);
  return bodies;
}

async function standing(researcher: Person, projectId: string, annotator: Person) {
  const response = await h.app.inject({
    method: 'GET',
    url: `/api/projects/${projectId}/gold/accuracy`,
    headers: researcher.headers,
  });
  return response.json().annotators.find((a: { userId: string }) => a.userId === annotator.id);
}

describe('auto-pause', () => {
  it('pauses below the threshold (not at it), refuses next tasks with the reason, audits it; resume lets them work', async () => {
    const admin = await h.user('admin');
    const { researcher, annotator, project } = await arrange(3, 12, {
      rate: 0.5,
      minAccuracy: 0.5,
      minAnswers: 2,
      autoPause: true,
    });
    // Right, wrong (accuracy 1/2: exactly the threshold, still working), wrong (1/3: paused).
    const plan = [GOLD, WRONG, WRONG];
    await annotateUntilGold(
      annotator,
      project.id,
      3,
      (n) => plan[n] as Answers,
      async (n) => {
        const now = await standing(researcher, project.id, annotator);
        expect(now.answered).toBe(n);
        expect(now.paused).toBe(n === 3);
      },
    );

    const refused = await askNext(annotator, project.id);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('assignment.annotator_paused');
    expect(refused.json().error.details.pausedReason).toMatch(/33%/);

    const paused = await standing(researcher, project.id, annotator);
    expect(paused).toMatchObject({ answered: 3, paused: true, belowThreshold: true });
    expect(paused.accuracy).toBeCloseTo(1 / 3, 10);

    const resumed = await h.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/gold/annotators/${annotator.id}/resume`,
      headers: researcher.headers,
    });
    expect(resumed.json()).toEqual({ userId: annotator.id, paused: false });
    expect((await askNext(annotator, project.id)).statusCode).toBe(200);
    const again = await h.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/gold/annotators/${annotator.id}/resume`,
      headers: researcher.headers,
    });
    expect(again.statusCode).toBe(409);

    const audit = await h.app.inject({
      method: 'GET',
      url: `/api/audit?projectId=${project.id}&limit=500`,
      headers: admin.headers,
    });
    const actions = audit.json().events.map((e: { action: string; target: string | null }) => [e.action, e.target]);
    expect(actions).toContainEqual(['annotator.pause', annotator.id]);
    expect(actions).toContainEqual(['annotator.resume', annotator.id]);
  });

  it('judges a resumed annotator on a fresh window: one wrong gold answer does not pause them again, minAnswers do', async () => {
    const { researcher, annotator, project } = await arrange(5, 24, {
      rate: 0.5,
      minAccuracy: 0.5,
      minAnswers: 2,
      autoPause: true,
    });
    const plan = [GOLD, WRONG, WRONG];
    await annotateUntilGold(annotator, project.id, 3, (n) => plan[n] as Answers);
    expect(await standing(researcher, project.id, annotator)).toMatchObject({ answered: 3, paused: true });
    clock.advance(1000);
    const resumed = await h.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/gold/annotators/${annotator.id}/resume`,
      headers: researcher.headers,
    });
    expect(resumed.statusCode, resumed.body).toBe(200);
    clock.advance(1000);

    // Lifetime accuracy 1/4 after this answer, but one answer since the resume is below minAnswers: still working.
    await annotateUntilGold(
      annotator,
      project.id,
      1,
      () => WRONG,
      async () => {
        expect(await standing(researcher, project.id, annotator)).toMatchObject({ answered: 4, paused: false });
      },
    );
    // A second wrong one since the resume (0 of 2): paused again.
    await annotateUntilGold(annotator, project.id, 1, () => WRONG);
    expect(await standing(researcher, project.id, annotator)).toMatchObject({ answered: 5, paused: true });
    expect((await askNext(annotator, project.id)).statusCode).toBe(403);
  });

  it("gives back the slots of the paused annotator's held and prepared tasks at once", async () => {
    const { researcher, annotator, project } = await arrange(1, 12, {
      rate: 0.5,
      minAccuracy: 0.5,
      minAnswers: 1,
      autoPause: true,
    });
    // Regular tasks answered until the gold one comes (gold is served at random, half the time).
    let gold: Task | undefined;
    for (let attempt = 0; attempt < 12 && !gold; attempt++) {
      const task = (await askNext(annotator, project.id)).json().task as Task;
      if (task.item.externalId === 'g0') gold = task;
      else expect((await submit(annotator, task, rankingAnswers(task))).statusCode).toBe(200);
    }
    if (!gold) throw new Error('gold was never served');
    const prepared = await h.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/tasks/prepare`,
      headers: annotator.headers,
    });
    expect(prepared.json().task.item.externalId).toMatch(/^r/);
    const held = async () =>
      Number(
        (
          await rawRows<{ n: number | string }>(
            h.database.db,
            sql`select count(*) as n from item_slots s join items i on i.id = s.item_id
                where i.project_id = ${project.id} and s.lease_user_id = ${annotator.id} and s.annotation_id is null`,
          )
        )[0]?.n,
      );
    expect(await held()).toBe(2);

    // A wrong gold answer pauses them (accuracy 0 < 0.5): neither slot waits for its lease to expire.
    expect((await submit(annotator, gold, WRONG)).statusCode).toBe(200);
    expect(await standing(researcher, project.id, annotator)).toMatchObject({ paused: true });
    expect(await held()).toBe(0);
    const live = await rawRows<{ state: string }>(
      h.database.db,
      sql`select state from leases where user_id = ${annotator.id} and project_id = ${project.id}
          and state in ('active', 'prepared')`,
    );
    expect(live).toEqual([]);
  });

  it('never pauses when auto-pause is off, though the annotator is shown below the threshold', async () => {
    const { researcher, annotator, project } = await arrange(2, 6, {
      rate: 0.5,
      minAccuracy: 0.9,
      minAnswers: 2,
      autoPause: false,
    });
    await annotateUntilGold(annotator, project.id, 2, () => WRONG);
    expect(await standing(researcher, project.id, annotator)).toMatchObject({
      answered: 2,
      accuracy: 0,
      belowThreshold: true,
      paused: false,
    });
    expect((await askNext(annotator, project.id)).statusCode).toBe(200);
  });
});

describe('blindness', () => {
  it('never tells an annotator which items are gold or what their answers are', async () => {
    const { annotator, project } = await arrange(2, 4, { rate: 0.5 });
    const bodies = await annotateUntilGold(annotator, project.id, 2, () => GOLD);
    // Next-task and submit payloads: no gold flag, no reference answers, the same shape for gold and regular items.
    for (const body of bodies) expect(body).not.toMatch(/gold/i);
    const shapes = new Set(
      bodies
        .map((b) => JSON.parse(b) as { task?: Task | null })
        .filter((b) => b.task)
        .map((b) =>
          Object.keys(b.task as Task)
            .sort()
            .join(','),
        ),
    );
    expect(shapes.size).toBe(1);
    for (const body of bodies) {
      const task = (JSON.parse(body) as { task?: Task | null }).task;
      if (task) expect(task.draft).toBeNull();
    }
    // The researcher views of gold and of others' annotations are closed to annotators.
    for (const url of [
      `/api/projects/${project.id}/gold`,
      `/api/projects/${project.id}/gold/accuracy`,
      `/api/projects/${project.id}/annotations`,
    ]) {
      const response = await h.app.inject({ method: 'GET', url, headers: annotator.headers });
      expect(response.statusCode, url).toBe(403);
    }
  });
});
