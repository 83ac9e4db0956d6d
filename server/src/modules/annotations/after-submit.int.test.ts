import type { Task } from '@feedbench/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema/index.ts';
import { type Person, rankingAnswers } from '../../test/annotating.ts';
import { buildTestApp, rankingLine, type TestHarness } from '../../test/test-app.ts';
import { createAnnotationsService } from './annotations.service.ts';

let h: TestHarness;
let researcher: Person;
beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
});
afterAll(() => h.close());

type SubmitEvent = { projectId: string; userId: string; itemId: string; gold: boolean };

/** The real annotations service on the test database, with the given hook (services.ts wires the gold one). */
function serviceWith(afterSubmit: (e: SubmitEvent) => Promise<void>, logged: unknown[] = []) {
  const s = h.services;
  return createAnnotationsService({
    db: h.database.db,
    clock: h.clock,
    projects: s.projects,
    assignment: s.assignment,
    events: s.events,
    afterSubmit,
    log: (_message, error) => logged.push(error),
  });
}

async function oneItemProject() {
  const project = await h.project(researcher, { kind: 'ranking' });
  await h.importItems(researcher, project.id, [rankingLine('a'), rankingLine('b')]);
  const person = await h.user('annotator');
  await h.addMember(researcher, project.id, person);
  // The service takes the signed-in user row, as the auth plugin hands it over.
  const [annotator] = await h.database.db.select().from(users).where(eq(users.id, person.id));
  if (!annotator) throw new Error('user row missing');
  return { project, annotator };
}

describe('afterSubmit hook', () => {
  it('is called once after the submit committed, not for a replay', async () => {
    const { project, annotator } = await oneItemProject();
    const seen: SubmitEvent[] = [];
    const service = serviceWith(async (e) => {
      // Committed: the annotation is visible from outside the submit transaction.
      expect(await h.services.annotations.isAnnotated(e.itemId, e.userId)).toBe(true);
      seen.push(e);
    });
    const task = (await service.nextTask(annotator, project.id)) as Task;
    const body = { idempotencyKey: 'k-1', answers: rankingAnswers(task) };
    await service.submit(annotator, task.leaseId, body);
    await service.submit(annotator, task.leaseId, body);
    expect(seen).toEqual([{ projectId: project.id, userId: annotator.id, itemId: task.item.id, gold: false }]);
  });

  it('never fails the submit when the hook throws; the error is logged', async () => {
    const { project, annotator } = await oneItemProject();
    const logged: unknown[] = [];
    const service = serviceWith(async () => {
      throw new Error('gold evaluation down');
    }, logged);
    const task = (await service.nextTask(annotator, project.id)) as Task;
    const result = await service.submit(annotator, task.leaseId, {
      idempotencyKey: 'k-2',
      answers: rankingAnswers(task),
      claimNext: true,
    });
    expect(result.replayed).toBe(false);
    expect(result.next?.item.id).not.toBe(task.item.id);
    expect(logged).toHaveLength(1);
  });
});
