import { randomUUID } from 'node:crypto';
import type { Answers, Task } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTask, type Person, rankingAnswers, submitTask, withRealIds } from '../../test/annotating.ts';
import { buildTestApp, engine, type FakeClock, rankingLine, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
let researcher: Awaited<ReturnType<TestHarness['user']>>;
beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
});
afterAll(() => h.close());

async function rankingProject(items: number, overlapTarget = 1, k = 4) {
  const project = await h.project(researcher, {
    kind: 'ranking',
    settings: undefined,
  });
  if (overlapTarget !== 1) {
    await h.app.inject({
      method: 'PATCH',
      url: `/api/projects/${project.id}`,
      headers: researcher.headers,
      payload: { overlapTarget },
    });
  }
  await h.importItems(
    researcher,
    project.id,
    Array.from({ length: items }, (_, i) => rankingLine(`item-${i}`, k)),
  );
  return project;
}

async function annotators(projectId: string, n: number): Promise<Person[]> {
  const people = await Promise.all(Array.from({ length: n }, () => h.user('annotator')));
  for (const person of people) await h.addMember(researcher, projectId, person);
  return people;
}

const next = (person: Person, projectId: string) => nextTask(h, person, projectId);
const submit = (person: Person, task: Task, answers = rankingAnswers(task), key = randomUUID()) =>
  submitTask(h, person, task, answers, key);

async function progress(projectId: string) {
  const response = await h.app.inject({
    method: 'GET',
    url: `/api/projects/${projectId}`,
    headers: researcher.headers,
  });
  return response.json().progress;
}

describe('next task', () => {
  it('shows the outputs blind, labelled A.. in a recorded random order', async () => {
    const project = await rankingProject(1, 1, 6);
    const [annotator] = await annotators(project.id, 1);
    const task = await next(annotator as Person, project.id);
    expect(task?.outputs.map((o) => o.label)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    // Blind ids: none is the import file's output id, each stands for exactly one of them.
    const shownIds = task?.outputs.map((o) => o.id) ?? [];
    expect(shownIds.filter((id) => /^o\d$/.test(id))).toEqual([]);
    const real = await withRealIds(h, task as Task);
    expect(new Set(real.outputs.map((o) => o.id))).toEqual(new Set(['o0', 'o1', 'o2', 'o3', 'o4', 'o5']));
    expect(JSON.stringify(task)).not.toContain('"m0"');
    expect(task?.conversation).toEqual([{ role: 'user', content: 'Prompt item-0' }]);
  });

  it('gives the same task back to an annotator who asks again, in the same order', async () => {
    const project = await rankingProject(3);
    const [annotator] = (await annotators(project.id, 1)) as [Person];
    const first = await next(annotator, project.id);
    const again = await next(annotator, project.id);
    expect(again?.leaseId).toBe(first?.leaseId);
    expect(again?.outputs).toEqual(first?.outputs);
  });

  it('randomizes the display order across leases', async () => {
    const project = await rankingProject(12, 1, 6);
    const [annotator] = (await annotators(project.id, 1)) as [Person];
    const orders = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const task = (await next(annotator, project.id)) as Task;
      orders.add(task.outputs.map((o) => o.id).join());
      expect((await submit(annotator, task)).statusCode).toBe(200);
    }
    // 12 draws from 720 permutations: all equal has probability 720^-11.
    expect(orders.size).toBeGreaterThan(1);
  });

  it('answers null when nothing is left, and never gives an annotator the same item twice', async () => {
    const project = await rankingProject(3, 2);
    const [a] = (await annotators(project.id, 1)) as [Person];
    const seen: string[] = [];
    for (;;) {
      const task = await next(a, project.id);
      if (!task) break;
      seen.push(task.item.id);
      expect((await submit(a, task)).statusCode).toBe(200);
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
  });

  it('keeps non-members out with 404', async () => {
    const project = await rankingProject(1);
    const outsider = await h.user('annotator');
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/tasks/next`,
      headers: outsider.headers,
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('submit', () => {
  it('stores the annotation with its display order and counts progress', async () => {
    const project = await rankingProject(2);
    const [a] = (await annotators(project.id, 1)) as [Person];
    const task = (await next(a, project.id)) as Task;
    const response = await submit(a, task);
    expect(response.statusCode).toBe(200);
    expect(response.json().replayed).toBe(false);
    expect(await progress(project.id)).toMatchObject({ items: 2, annotations: 1, completedItems: 1 });
  });

  it('returns the first result for a retried submit and writes nothing new', async () => {
    const project = await rankingProject(2);
    const [a] = (await annotators(project.id, 1)) as [Person];
    const task = (await next(a, project.id)) as Task;
    const key = randomUUID();
    const [first, second] = await Promise.all([
      submit(a, task, rankingAnswers(task), key),
      submit(a, task, rankingAnswers(task), key),
    ]);
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.json().annotationId).toBe(first.json().annotationId);
    expect([first.json().replayed, second.json().replayed].sort()).toEqual([false, true]);
    expect((await progress(project.id)).annotations).toBe(1);
  });

  it('explains which answers are missing or invalid, by path', async () => {
    const project = await rankingProject(1);
    const [a] = (await annotators(project.id, 1)) as [Person];
    const task = (await next(a, project.id)) as Task;
    const ids = task.outputs.map((o) => o.id);
    const response = await submit(a, task, {
      rank: { type: 'ranking', groups: [ids.slice(0, 2)] },
      quality: { type: 'rating', values: { [ids[0] as string]: 9 } },
    });
    expect(response.statusCode).toBe(422);
    const paths = response.json().error.details.problems.map((p: { path: string }) => p.path);
    expect(paths).toContain('answers.rank.groups');
    expect(paths).toContain(`answers.quality.values.${ids[0]}`);
    expect(paths).toContain(`answers.quality.values.${ids[1]}`);
    expect((await progress(project.id)).annotations).toBe(0);
  });

  it('accepts ties in a ranking', async () => {
    const project = await rankingProject(1);
    const [a] = (await annotators(project.id, 1)) as [Person];
    const task = (await next(a, project.id)) as Task;
    const ids = task.outputs.map((o) => o.id);
    const answers: Answers = {
      rank: { type: 'ranking', groups: [ids.slice(0, 2), ids.slice(2)] },
      quality: { type: 'rating', values: Object.fromEntries(ids.map((id) => [id, 4])) },
    };
    expect((await submit(a, task, answers)).statusCode).toBe(200);
  });

  it("refuses another annotator's lease with 404", async () => {
    const project = await rankingProject(1);
    const [a, b] = (await annotators(project.id, 2)) as [Person, Person];
    const task = (await next(a, project.id)) as Task;
    expect((await submit(b, task)).statusCode).toBe(404);
  });
});

describe('leases and overlap', () => {
  it.runIf(engine === 'postgres')('gives two tabs asking at once one lease, never two', async () => {
    const project = await rankingProject(8);
    const [a] = (await annotators(project.id, 1)) as [Person];
    for (let round = 0; round < 6; round++) {
      const tasks = await Promise.all(Array.from({ length: 6 }, () => next(a, project.id)));
      const leases = new Set(tasks.map((t) => t?.leaseId));
      expect(leases.size).toBe(1);
      expect((await progress(project.id)).activeLeases).toBe(1);
      expect((await submit(a, tasks[0] as Task)).statusCode).toBe(200);
    }
  });

  it('gives an annotator back the item of their expired lease on a new lease, and retires the old one', async () => {
    const project = await rankingProject(2);
    const [a] = (await annotators(project.id, 1)) as [Person];
    const stale = (await next(a, project.id)) as Task;
    (h.clock as FakeClock).advance(31 * 60_000);
    const fresh = (await next(a, project.id)) as Task;
    expect(fresh.leaseId).not.toBe(stale.leaseId);
    expect(fresh.item.id).toBe(stale.item.id);
    const beat = (leaseId: string) =>
      h.app.inject({ method: 'POST', url: `/api/leases/${leaseId}/heartbeat`, headers: a.headers });
    const lost = await beat(stale.leaseId);
    expect(lost.statusCode).toBe(409);
    expect(lost.json().error.code).toBe('assignment.lease_lost');
    expect((await beat(fresh.leaseId)).statusCode).toBe(200);
    expect((await progress(project.id)).activeLeases).toBe(1);
    expect((await submit(a, fresh)).statusCode).toBe(200);
  });

  it('recycles an expired lease to the next annotator', async () => {
    const project = await rankingProject(1);
    const [a, b] = (await annotators(project.id, 2)) as [Person, Person];
    const held = (await next(a, project.id)) as Task;
    expect(await next(b, project.id)).toBeNull();
    (h.clock as FakeClock).advance(31 * 60_000);
    const recycled = await next(b, project.id);
    expect(recycled?.item.id).toBe(held.item.id);
  });

  it('stores a late submit when the item still has room', async () => {
    const project = await rankingProject(1);
    const [a] = (await annotators(project.id, 1)) as [Person];
    const task = (await next(a, project.id)) as Task;
    (h.clock as FakeClock).advance(45 * 60_000);
    expect((await submit(a, task)).statusCode).toBe(200);
  });

  it('refuses a late submit with 409 when the item is already full', async () => {
    const project = await rankingProject(1);
    const [a, b] = (await annotators(project.id, 2)) as [Person, Person];
    const late = (await next(a, project.id)) as Task;
    (h.clock as FakeClock).advance(31 * 60_000);
    const onTime = (await next(b, project.id)) as Task;
    expect((await submit(b, onTime)).statusCode).toBe(200);
    const response = await submit(a, late);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('assignment.overlap_full');
    expect((await progress(project.id)).annotations).toBe(1);
  });

  it('collects exactly overlapTarget annotations per item from distinct annotators', async () => {
    const project = await rankingProject(4, 3);
    const people = await annotators(project.id, 5);
    const items = new Map<string, Set<string>>();
    for (let round = 0; round < 6; round++) {
      for (const person of people) {
        const task = await next(person, project.id);
        if (!task) continue;
        expect((await submit(person, task)).statusCode).toBe(200);
        const who = items.get(task.item.id) ?? new Set();
        who.add(person.id);
        items.set(task.item.id, who);
      }
    }
    expect([...items.values()].map((s) => s.size)).toEqual([3, 3, 3, 3]);
    expect(await progress(project.id)).toMatchObject({ annotations: 12, completedItems: 4 });
  });

  it('records a skip with its reason and never offers the item to that annotator again', async () => {
    const project = await rankingProject(1);
    const [a, b] = (await annotators(project.id, 2)) as [Person, Person];
    const task = (await next(a, project.id)) as Task;
    const skip = await h.app.inject({
      method: 'POST',
      url: `/api/leases/${task.leaseId}/skip`,
      headers: a.headers,
      payload: { reason: 'unsafe' },
    });
    expect(skip.statusCode).toBe(204);
    expect(await next(a, project.id)).toBeNull();
    expect((await progress(project.id)).skips).toBe(1);

    // Researchers see the skip and the item it left short, so nothing skipped by everyone is lost.
    const report = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${project.id}/skips`,
      headers: researcher.headers,
    });
    expect(report.json().skips).toMatchObject([{ itemId: task.item.id, annotatorEmail: a.email, reason: 'unsafe' }]);
    const short = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${project.id}/skips/items`,
      headers: researcher.headers,
    });
    expect(short.json().items).toMatchObject([{ itemId: task.item.id, skips: 1, annotations: 0, reasons: ['unsafe'] }]);
    const hidden = await h.app.inject({ method: 'GET', url: `/api/projects/${project.id}/skips`, headers: a.headers });
    expect(hidden.statusCode).toBe(403);

    expect((await next(b, project.id))?.item.id).toBe(task.item.id);
  });

  it.runIf(engine === 'postgres')('never over-collects under concurrent claims and submits', async () => {
    const project = await rankingProject(10, 2);
    const people = await annotators(project.id, 12);
    const submitted = await Promise.all(
      people.map(async (person) => {
        let count = 0;
        for (;;) {
          const task = await next(person, project.id);
          if (!task) return count;
          const response = await submit(person, task);
          expect([200, 409]).toContain(response.statusCode);
          if (response.statusCode === 200) count++;
        }
      }),
    );
    expect(submitted.reduce((a, b) => a + b, 0)).toBe(20);
    expect(await progress(project.id)).toMatchObject({ annotations: 20, completedItems: 10 });
  });
});

describe('reading annotations back', () => {
  it('lists what was stored, with the display order seen and the template version, to researchers only', async () => {
    const project = await rankingProject(1, 1, 3);
    const [annotator] = (await annotators(project.id, 1)) as [Person];
    const task = (await next(annotator, project.id)) as Task;
    const answers = rankingAnswers(task);
    expect((await submit(annotator, task, answers)).statusCode).toBe(200);

    const url = `/api/projects/${project.id}/annotations`;
    const listed = await h.app.inject({ method: 'GET', url, headers: researcher.headers });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().annotations).toEqual([
      expect.objectContaining({
        itemExternalId: 'item-0',
        annotatorId: annotator.id,
        // Stored with the import file's output ids (the annotator answered in blind ones).
        answers: rankingAnswers(await withRealIds(h, task)),
        displayOrder: (await withRealIds(h, task)).outputs.map((o) => o.id),
        templateVersion: 1,
        guidelinesVersion: 1,
        timeOnTaskMs: 1234,
      }),
    ]);
    expect((await h.app.inject({ method: 'GET', url, headers: annotator.headers })).statusCode).toBe(403);
  });
});

describe('submit with claimNext', () => {
  it('stores the annotation and answers with the next task, the lease tasks/next then returns', async () => {
    const project = await rankingProject(2);
    const [annotator] = (await annotators(project.id, 1)) as [Person];
    const first = (await next(annotator, project.id)) as Task;
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/leases/${first.leaseId}/submit`,
      headers: annotator.headers,
      payload: { idempotencyKey: randomUUID(), answers: rankingAnswers(first), claimNext: true },
    });
    expect(response.statusCode).toBe(200);
    const { next: second, replayed } = response.json();
    expect(replayed).toBe(false);
    expect(second.item.id).not.toBe(first.item.id);
    expect((await next(annotator, project.id))?.leaseId).toBe(second.leaseId);

    const last = await h.app.inject({
      method: 'POST',
      url: `/api/leases/${second.leaseId}/submit`,
      headers: annotator.headers,
      payload: { idempotencyKey: randomUUID(), answers: rankingAnswers(second), claimNext: true },
    });
    expect(last.json().next).toBeNull();
    expect(await progress(project.id)).toMatchObject({ annotations: 2, completedItems: 2 });
  });
});
