import type { Answers, Task } from '@feedbench/shared';
import { expect } from 'vitest';
import type { Clock } from '../../lib/clock.ts';
import { asShown, nextTask, type Person, submitTask, withRealIds } from '../../test/annotating.ts';
import type { TestHarness } from '../../test/test-app.ts';

/** Test helpers for export and import tests (not shipped code). */

/** A clock that stands still at a fixed instant until moved: golden files hold exact timestamps. */
export class ManualClock implements Clock {
  private current: Date;
  constructor(start: string) {
    this.current = new Date(start);
  }
  now() {
    return new Date(this.current);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Claims and submits every task the annotator can get, answering with `answersFor`; moves the clock a minute each. */
export async function annotateAll(
  h: TestHarness,
  person: Person,
  projectId: string,
  answersFor: (task: Task) => Answers,
  clock?: { advance(ms: number): void },
) {
  for (;;) {
    const task = await nextTask(h, person, projectId);
    if (!task) return;
    clock?.advance(60_000);
    // Answered in the import file's output ids, sent in the blind ids the annotator was shown.
    const answers = await asShown(h, task, answersFor(await withRealIds(h, task)));
    const response = await submitTask(h, person, task, answers);
    expect(response.statusCode, response.body).toBe(200);
  }
}

/** GET the export with a query; returns the raw response. */
export function requestExport(
  h: TestHarness,
  person: { headers: Record<string, string> },
  projectId: string,
  query: Record<string, string | number | boolean>,
) {
  const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
  return h.app.inject({ method: 'GET', url: `/api/projects/${projectId}/export?${search}`, headers: person.headers });
}

/** The export's lines, parsed; fails the test unless it is a 200 JSONL download. */
export async function exportLines(
  h: TestHarness,
  person: { headers: Record<string, string> },
  projectId: string,
  query: Record<string, string | number | boolean>,
): Promise<Record<string, unknown>[]> {
  const response = await requestExport(h, person, projectId, query);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toContain('application/x-ndjson');
  return response.body
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}
