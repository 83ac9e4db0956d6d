import type { Task } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTask, type Person, submitTask } from '../../test/annotating.ts';
import { buildTestApp, type FakeClock, rankingLine, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
let researcher: Person;
let annotator: Person;
let projectId: string;
const annotationIds: string[] = [];

async function annotateOne() {
  const task = (await nextTask(h, annotator, projectId)) as Task;
  const response = await submitTask(h, annotator, task);
  expect(response.statusCode).toBe(200);
  annotationIds.push(response.json().annotationId);
  // Distinct, increasing submit times (the fake clock stands still otherwise).
  (h.clock as FakeClock).advance(1000);
}

beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
  annotator = await h.user('annotator');
  projectId = (await h.project(researcher, { kind: 'ranking' })).id;
  await h.importItems(
    researcher,
    projectId,
    Array.from({ length: 8 }, (_, i) => rankingLine(`p-${i}`)),
  );
  await h.addMember(researcher, projectId, annotator);
  for (let i = 0; i < 5; i++) await annotateOne();
});
afterAll(() => h.close());

async function get(url: string) {
  const response = await h.app.inject({ method: 'GET', url, headers: researcher.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('keyset pages of annotations', () => {
  it('pages through every annotation once, newest first, and a new submit does not shift the next page', async () => {
    const base = `/api/projects/${projectId}/annotations?limit=2`;
    const first = await get(base);
    expect(first.annotations.map((a: { id: string }) => a.id)).toEqual([annotationIds[4], annotationIds[3]]);
    await annotateOne();
    const second = await get(`${base}&cursor=${first.nextCursor}`);
    expect(second.annotations.map((a: { id: string }) => a.id)).toEqual([annotationIds[2], annotationIds[1]]);
    const third = await get(`${base}&cursor=${second.nextCursor}`);
    expect(third.annotations.map((a: { id: string }) => a.id)).toEqual([annotationIds[0]]);
    expect(third.nextCursor).toBeNull();
    expect((await get(`/api/projects/${projectId}/annotations?limit=1`)).annotations[0].id).toBe(annotationIds[5]);
  });

  it('refuses a cursor no page gave with 400 naming the field', async () => {
    for (const cursor of ['nonsense', Buffer.from('2026-01-01|not-a-uuid').toString('base64url')]) {
      const response = await h.app.inject({
        method: 'GET',
        url: `/api/projects/${projectId}/annotations?cursor=${cursor}`,
        headers: researcher.headers,
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('cursor');
    }
  });
});

describe('keyset pages of reviews', () => {
  it('pages through every verdict once, newest first', async () => {
    for (const annotationId of annotationIds.slice(0, 3)) {
      const reviewed = await h.app.inject({
        method: 'POST',
        url: `/api/annotations/${annotationId}/review`,
        headers: researcher.headers,
        payload: { verdict: 'accepted' },
      });
      expect(reviewed.statusCode).toBe(201);
      (h.clock as FakeClock).advance(1000);
    }
    const base = `/api/projects/${projectId}/reviews?limit=2`;
    const first = await get(base);
    const second = await get(`${base}&cursor=${first.nextCursor}`);
    expect(second.nextCursor).toBeNull();
    const seen = [...first.reviews, ...second.reviews].map((r: { annotationId: string }) => r.annotationId);
    expect(seen).toEqual([annotationIds[2], annotationIds[1], annotationIds[0]]);
  });
});
