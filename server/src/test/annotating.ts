import { randomUUID } from 'node:crypto';
import { type Answers, mapOutputIds, type Task } from '@feedbench/shared';
import { createOutputBlindingRepository } from '../modules/assignment/output-blinding.ts';
import type { TestHarness } from './test-app.ts';

/** Helpers for tests that drive the annotator loop over HTTP. */
export type Person = Awaited<ReturnType<TestHarness['user']>>;

export async function nextTask(h: TestHarness, person: Person, projectId: string): Promise<Task | null> {
  const response = await h.app.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/tasks/next`,
    headers: person.headers,
  });
  if (response.statusCode !== 200) throw new Error(`next task: ${response.statusCode} ${response.body}`);
  return response.json().task;
}

/** A complete, valid answer set for the default ranking template: first output best, the rest tied. */
export function rankingAnswers(task: Task): Answers {
  const ids = task.outputs.map((o) => o.id);
  return {
    rank: { type: 'ranking', groups: [[ids[0] as string], ids.slice(1)] },
    quality: { type: 'rating', values: Object.fromEntries(ids.map((id, i) => [id, 7 - i])) },
  };
}

/** Submits the task; answers may name outputs by the import file's ids (sent as the blind ids shown, see asShown). */
export async function submitTask(
  h: TestHarness,
  person: Person,
  task: Task,
  answers = rankingAnswers(task),
  idempotencyKey = randomUUID(),
) {
  return h.app.inject({
    method: 'POST',
    url: `/api/leases/${task.leaseId}/submit`,
    headers: person.headers,
    payload: { idempotencyKey, answers: await asShown(h, task, answers), timeOnTaskMs: 1234 },
  });
}

/**
 * Annotators see blind output ids (assignment/output-blinding.ts). For tests that name outputs as the import file
 * did: answers written with real ids, in the blind ids this task shows (ids already blind pass through).
 */
export async function asShown(h: TestHarness, task: Task, answers: Answers): Promise<Answers> {
  const blinding = await createOutputBlindingRepository(h.database.db).of(task.item.id);
  return mapOutputIds(answers, (id) => blinding.toBlind(id) ?? id);
}

/** The task with the real output ids of the import file (the test reads the database, as no annotator can). */
export async function withRealIds(h: TestHarness, task: Task): Promise<Task> {
  const blinding = await createOutputBlindingRepository(h.database.db).of(task.item.id);
  return {
    ...task,
    outputs: task.outputs.map((o) => ({ ...o, id: blinding.toReal(o.id) ?? o.id })),
    draft: task.draft && {
      ...task.draft,
      answers: mapOutputIds(task.draft.answers, (id) => blinding.toReal(id) ?? id),
    },
  };
}
