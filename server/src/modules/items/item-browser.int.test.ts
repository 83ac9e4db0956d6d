import type { ItemListResponse, ItemSummary, Task } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTask, type Person, rankingAnswers, submitTask, withRealIds } from '../../test/annotating.ts';
import { buildTestApp, rankingLine, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
let researcher: Person;
let annotators: Person[];
beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
  annotators = [await h.user('annotator'), await h.user('annotator')];
});
afterAll(() => h.close());

/** A ranking line with metadata and a prompt of its own words. */
function line(id: string, metadata: Record<string, unknown> = {}, prompt = `Prompt ${id}`) {
  return { ...rankingLine(id), prompt: [{ role: 'user', content: prompt }], metadata };
}

async function project(lines: unknown[], overlapTarget = 1) {
  const created = await h.project(researcher, { kind: 'ranking' });
  if (overlapTarget !== 1) {
    await h.app.inject({
      method: 'PATCH',
      url: `/api/projects/${created.id}`,
      headers: researcher.headers,
      payload: { overlapTarget },
    });
  }
  expect((await h.importItems(researcher, created.id, lines)).statusCode).toBe(200);
  for (const person of annotators) await h.addMember(researcher, created.id, person);
  return created.id;
}

async function list(projectId: string, query: Record<string, string | string[]> = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, v);
  }
  const response = await h.app.inject({
    method: 'GET',
    url: `/api/projects/${projectId}/items?${search}`,
    headers: researcher.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as ItemListResponse;
}

async function all(projectId: string, query: Record<string, string | string[]> = {}): Promise<ItemSummary[]> {
  const seen: ItemSummary[] = [];
  let cursor: string | null = null;
  do {
    const page: ItemListResponse = await list(projectId, { ...query, limit: '3', ...(cursor ? { cursor } : {}) });
    seen.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

const ids = (items: ItemSummary[]) => items.map((i) => i.externalId);

describe('item browser pages', () => {
  it('walks every item once in import order with keyset cursors', async () => {
    const projectId = await project(Array.from({ length: 10 }, (_, i) => line(`e-${i}`)));
    const first = await list(projectId, { limit: '4' });
    expect(ids(first.items)).toEqual(['e-0', 'e-1', 'e-2', 'e-3']);
    expect(first.nextCursor).not.toBeNull();
    expect(ids(await all(projectId))).toEqual(Array.from({ length: 10 }, (_, i) => `e-${i}`));
    const last = await list(projectId, { limit: '10' });
    expect(last.nextCursor).toBeNull();
  });

  it('keeps the next page where it was when items are imported between pages', async () => {
    const projectId = await project(Array.from({ length: 6 }, (_, i) => line(`s-${i}`)));
    const first = await list(projectId, { limit: '3' });
    await h.importItems(researcher, projectId, [line('s-new-1'), line('s-new-2')]);
    const second = await list(projectId, { limit: '3', cursor: first.nextCursor as string });
    expect(ids(second.items)).toEqual(['s-3', 's-4', 's-5']);
    const third = await list(projectId, { limit: '3', cursor: second.nextCursor as string });
    expect(ids(third.items)).toEqual(['s-new-1', 's-new-2']);
    expect(third.nextCursor).toBeNull();
  });

  it('refuses a cursor that no page gave with 400 naming the field', async () => {
    const projectId = await project([line('c-0')]);
    const response = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${projectId}/items?cursor=abc`,
      headers: researcher.headers,
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('cursor');
  });
});

describe('item browser filters', () => {
  it('lists items by state: waiting, in progress, complete, skipped, gold and rejected', async () => {
    const projectId = await project(
      Array.from({ length: 8 }, (_, i) => line(`f-${i}`)),
      2,
    );
    const [a, b] = annotators as [Person, Person];
    // f-0: complete (a and b); f-1: one of two (a), leased by b; f-2: skipped by a; f-3: leased by a.
    const a0 = (await nextTask(h, a, projectId)) as Task;
    expect((await submitTask(h, a, a0)).statusCode).toBe(200);
    const b0 = (await nextTask(h, b, projectId)) as Task;
    const submitted = await submitTask(h, b, b0);
    expect(submitted.statusCode).toBe(200);
    const a1 = (await nextTask(h, a, projectId)) as Task;
    expect((await submitTask(h, a, a1)).statusCode).toBe(200);
    const a2 = (await nextTask(h, a, projectId)) as Task;
    const skipped = await h.app.inject({
      method: 'POST',
      url: `/api/leases/${a2.leaseId}/skip`,
      headers: a.headers,
      payload: { reason: 'unclear-prompt' },
    });
    expect(skipped.statusCode).toBe(204);
    const b1 = (await nextTask(h, b, projectId)) as Task;
    expect([a0.item.externalId, a1.item.externalId, a2.item.externalId, b0.item.externalId]).toEqual([
      'f-0',
      'f-1',
      'f-2',
      'f-0',
    ]);
    expect(b1.item.externalId).toBe('f-1');
    expect((await nextTask(h, a, projectId))?.item.externalId).toBe('f-3');

    const rejected = await h.app.inject({
      method: 'POST',
      url: `/api/annotations/${submitted.json().annotationId}/review`,
      headers: researcher.headers,
      payload: { verdict: 'rejected', comment: 'off topic' },
    });
    expect(rejected.statusCode, rejected.body).toBe(201);
    const gold = (await list(projectId, { q: 'f-7' })).items[0] as ItemSummary;
    const marked = await h.app.inject({
      method: 'PUT',
      url: `/api/projects/${projectId}/items/${gold.id}/gold`,
      headers: researcher.headers,
      // A researcher names outputs by their real ids (annotators see blind ones).
      payload: { answers: rankingAnswers(await withRealIds(h, a0)) },
    });
    expect(marked.statusCode, marked.body).toBe(200);

    expect(ids(await all(projectId, { state: 'complete' }))).toEqual(['f-0']);
    expect(ids(await all(projectId, { state: 'in-progress' }))).toEqual(['f-1', 'f-3']);
    expect(ids(await all(projectId, { state: 'skipped' }))).toEqual(['f-2']);
    expect(ids(await all(projectId, { state: 'waiting' }))).toEqual(['f-2', 'f-4', 'f-5', 'f-6']);
    expect(ids(await all(projectId, { state: 'gold' }))).toEqual(['f-7']);
    // The rejected annotation reopened f-0: it collects a replacement, yet stays listed as rejected.
    expect(ids(await all(projectId, { state: 'rejected' }))).toEqual(['f-0']);

    const byId = new Map((await all(projectId)).map((i) => [i.externalId, i]));
    expect(byId.get('f-0')).toMatchObject({ status: 'complete', annotations: 2, rejected: true });
    expect(byId.get('f-2')).toMatchObject({ status: 'waiting', annotations: 0, skips: 1 });
    expect(byId.get('f-3')).toMatchObject({ status: 'in-progress', annotations: 0, skips: 0 });
    expect(byId.get('f-7')).toMatchObject({ status: 'waiting', gold: true });
  });

  it('finds an item by exact external id, by prompt text, and by metadata', async () => {
    const projectId = await project([
      line('m-0', { lang: 'fr', turns: 1 }, 'Explain the French Revolution'),
      line('m-1', { lang: 'en', turns: 3 }, 'Write a haiku about rain'),
      line('m-2', { lang: 'fr', turns: 3 }, 'Translate 100% of this: rain'),
      line('m-10', { lang: 'en', turns: 1 }, 'Summarize m-1'),
    ]);
    expect(ids((await list(projectId, { q: 'm-1' })).items)).toEqual(['m-1']);
    expect(ids(await all(projectId, { q: 'RAIN' }))).toEqual(['m-1', 'm-2']);
    // % and _ are text, not wildcards.
    expect(ids(await all(projectId, { q: '100%' }))).toEqual(['m-2']);
    expect(ids(await all(projectId, { q: '1_0' }))).toEqual([]);
    expect(ids(await all(projectId, { meta: 'lang=fr' }))).toEqual(['m-0', 'm-2']);
    expect(ids(await all(projectId, { meta: ['lang=fr', 'turns=3'] }))).toEqual(['m-2']);
    expect(ids(await all(projectId, { meta: 'lang=fr', q: 'rain' }))).toEqual(['m-2']);
    expect(ids(await all(projectId, { meta: 'turns=3', state: 'waiting' }))).toEqual(['m-1', 'm-2']);
  });
});

describe('item detail', () => {
  it("shows the item's outputs and its annotations with their annotators and verdicts", async () => {
    const projectId = await project([line('d-0')]);
    const [a] = annotators as [Person];
    const task = (await nextTask(h, a, projectId)) as Task;
    expect((await submitTask(h, a, task)).statusCode).toBe(200);
    const response = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${projectId}/items/${task.item.id}`,
      headers: researcher.headers,
    });
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail.item).toMatchObject({ externalId: 'd-0', status: 'complete', prompt: 'Prompt d-0' });
    expect(detail.item.outputs.map((o: { id: string }) => o.id)).toEqual(['o0', 'o1', 'o2', 'o3']);
    expect(detail.annotations).toHaveLength(1);
    expect(detail.annotations[0]).toMatchObject({ annotatorEmail: a.email, review: null });
    // Stored with the real output ids, whatever blind ids the annotator saw.
    expect(detail.annotations[0].answers).toEqual(rankingAnswers(await withRealIds(h, task)));
  });

  it('answers 404 for an item of another project', async () => {
    const one = await project([line('x-0')]);
    const other = await project([line('x-1')]);
    const item = (await list(other)).items[0] as ItemSummary;
    const response = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${one}/items/${item.id}`,
      headers: researcher.headers,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('items.not_found');
  });
});
