import { randomUUID } from 'node:crypto';
import type { Answers, Task } from '@feedbench/shared';
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

export function submitTask(
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
    payload: { idempotencyKey, answers, timeOnTaskMs: 1234 },
  });
}
