import type { Task } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTask, type Person, submitTask } from '../../test/annotating.ts';
import { buildTestApp, type FakeClock, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
let researcher: Person;
beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
});
afterAll(() => h.close());

async function demoProject(items = 1) {
  const project = await h.project(researcher, { kind: 'demonstration' });
  await h.importItems(
    researcher,
    project.id,
    Array.from({ length: items }, (_, i) => ({ id: `d${i}`, prompt: `Prompt ${i}` })),
  );
  const people: Person[] = [];
  for (let i = 0; i < 2; i++) {
    const person = await h.user('annotator');
    await h.addMember(researcher, project.id, person);
    people.push(person);
  }
  return { project, a: people[0] as Person, b: people[1] as Person };
}

const reply = (text: string) => ({ reply: { type: 'demonstration' as const, text } });

function saveDraft(person: Person, task: Task, text: string) {
  return h.app.inject({
    method: 'PUT',
    url: `/api/leases/${task.leaseId}/draft`,
    headers: person.headers,
    payload: { answers: reply(text) },
  });
}

function heartbeat(person: Person, task: Task) {
  return h.app.inject({ method: 'POST', url: `/api/leases/${task.leaseId}/heartbeat`, headers: person.headers });
}

describe('drafts', () => {
  it('gives the saved draft back with the task after a reload', async () => {
    const { project, a } = await demoProject();
    const task = (await nextTask(h, a, project.id)) as Task;
    expect(task.draft).toBeNull();
    expect((await saveDraft(a, task, 'half a thought')).statusCode).toBe(200);
    const reloaded = (await nextTask(h, a, project.id)) as Task;
    expect(reloaded.leaseId).toBe(task.leaseId);
    expect(reloaded.draft?.answers).toEqual(reply('half a thought'));
  });

  it('keeps the draft when a late submit is refused because the item is full', async () => {
    const { project, a, b } = await demoProject();
    const late = (await nextTask(h, a, project.id)) as Task;
    await saveDraft(a, late, 'fifteen minutes of careful writing');
    (h.clock as FakeClock).advance(31 * 60_000);
    const taken = (await nextTask(h, b, project.id)) as Task;
    expect((await submitTask(h, b, taken, reply('quick'))).statusCode).toBe(200);
    const refused = await submitTask(h, a, late, reply('fifteen minutes of careful writing'));
    expect(refused.statusCode).toBe(409);
    const kept = await h.services.drafts.find(late.item.id, a.id);
    expect(kept?.answers).toEqual(reply('fifteen minutes of careful writing'));
  });

  it('never lets a draft replace a submitted annotation, and discards the draft on submit', async () => {
    const { project, a } = await demoProject(2);
    const task = (await nextTask(h, a, project.id)) as Task;
    await saveDraft(a, task, 'draft');
    expect((await submitTask(h, a, task, reply('final'))).statusCode).toBe(200);
    expect(await h.services.drafts.find(task.item.id, a.id)).toBeUndefined();
    const after = await saveDraft(a, task, 'late autosave');
    expect(after.statusCode).toBe(409);
    expect(after.json().error.code).toBe('draft.already_submitted');
  });

  it('refuses a draft on a lease that is not yours', async () => {
    const { project, a, b } = await demoProject();
    const task = (await nextTask(h, a, project.id)) as Task;
    expect((await saveDraft(b, task, 'x')).statusCode).toBe(404);
  });
});

describe('heartbeat', () => {
  it('keeps the lease of an annotator who is still working', async () => {
    const { project, a, b } = await demoProject();
    const task = (await nextTask(h, a, project.id)) as Task;
    const clock = h.clock as FakeClock;
    for (let i = 0; i < 3; i++) {
      clock.advance(20 * 60_000);
      expect((await heartbeat(a, task)).statusCode).toBe(200);
    }
    expect(await nextTask(h, b, project.id)).toBeNull();
    expect((await submitTask(h, a, task, reply('done'))).statusCode).toBe(200);
  });

  it('counts a draft save as a heartbeat', async () => {
    const { project, a, b } = await demoProject();
    const task = (await nextTask(h, a, project.id)) as Task;
    (h.clock as FakeClock).advance(25 * 60_000);
    await saveDraft(a, task, 'typing');
    (h.clock as FakeClock).advance(25 * 60_000);
    expect(await nextTask(h, b, project.id)).toBeNull();
  });

  it('answers 409 lease_lost once the item went to someone else', async () => {
    const { project, a, b } = await demoProject();
    const task = (await nextTask(h, a, project.id)) as Task;
    (h.clock as FakeClock).advance(31 * 60_000);
    expect((await nextTask(h, b, project.id))?.item.id).toBe(task.item.id);
    const response = await heartbeat(a, task);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('assignment.lease_lost');
  });
});
