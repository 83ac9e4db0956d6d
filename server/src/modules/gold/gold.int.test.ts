import type { Answers, Task } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { nextTask, type Person, submitTask } from '../../test/annotating.ts';
import { buildTestApp, rankingLine, type TestHarness } from '../../test/test-app.ts';
import { GOLD, itemIdsOf, WRONG } from './gold.fixtures.ts';

// Each test signs several people in (scrypt) and walks an annotator through many tasks: slow on a loaded machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let h: TestHarness;
beforeAll(async () => {
  h = await buildTestApp();
});
afterAll(() => h.close());

async function arrange(options: { items?: number; overlap?: number } = {}) {
  const researcher = await h.user('researcher');
  const project = await h.project(researcher);
  const lines = Array.from({ length: options.items ?? 4 }, (_, i) => rankingLine(`item-${i}`));
  await h.importItems(researcher, project.id, lines);
  if (options.overlap) {
    await h.app.inject({
      method: 'PATCH',
      url: `/api/projects/${project.id}`,
      headers: researcher.headers,
      payload: { overlapTarget: options.overlap },
    });
  }
  const ids = await itemIdsOf(h, project.id);
  const itemId = (externalId: string) => ids.get(externalId) as string;
  return { researcher, project, itemId };
}

const markGold = (person: Person, projectId: string, itemId: string, answers: unknown) =>
  h.app.inject({
    method: 'PUT',
    url: `/api/projects/${projectId}/items/${itemId}/gold`,
    headers: person.headers,
    payload: { answers },
  });

const accuracyOf = (person: Person, projectId: string) =>
  h.app.inject({ method: 'GET', url: `/api/projects/${projectId}/gold/accuracy`, headers: person.headers });

async function member(researcher: Person, projectId: string, role = 'annotator') {
  const person = await h.user('annotator');
  await h.addMember(researcher, projectId, person, role);
  return person;
}

describe('marking gold items', () => {
  it('pages through the gold items once, newest marked first, through ties in time and an unmark between pages', async () => {
    // The fake clock stands still: the five items are marked at one instant (a tie on the time, broken by item id).
    const { researcher, project, itemId } = await arrange({ items: 6 });
    for (let i = 0; i < 5; i++)
      expect((await markGold(researcher, project.id, itemId(`item-${i}`), GOLD)).statusCode).toBe(200);
    const list = (query: string) =>
      h.app.inject({ method: 'GET', url: `/api/projects/${project.id}/gold?${query}`, headers: researcher.headers });
    const whole = (await list('limit=100')).json().items.map((g: { itemId: string }) => g.itemId) as string[];
    expect(whole).toEqual([...whole].sort().reverse());
    expect(whole).toHaveLength(5);

    const first = (await list('limit=2')).json();
    // The cursor's own item is unmarked between pages: the next page starts right after it all the same.
    const cursorItem = first.items.at(-1).itemId;
    const unmarked = await h.app.inject({
      method: 'DELETE',
      url: `/api/projects/${project.id}/items/${cursorItem}/gold`,
      headers: researcher.headers,
    });
    expect(unmarked.statusCode).toBe(200);
    const second = (await list(`limit=2&cursor=${first.nextCursor}`)).json();
    const third = (await list(`limit=2&cursor=${second.nextCursor}`)).json();
    expect(third.nextCursor).toBeNull();
    const seen = [...first.items, ...second.items, ...third.items].map((g: { itemId: string }) => g.itemId);
    expect(seen).toEqual(whole);
    expect((await list('cursor=bm90LWEtY3Vyc29y')).statusCode).toBe(400);
  });

  it('stores reference answers that fit the template, lists them, and unmarks', async () => {
    const { researcher, project, itemId } = await arrange();
    const marked = await markGold(researcher, project.id, itemId('item-1'), GOLD);
    expect(marked.statusCode).toBe(200);
    expect(marked.json()).toEqual({ itemId: itemId('item-1'), gold: true });

    const list = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${project.id}/gold`,
      headers: researcher.headers,
    });
    expect(list.json().items).toEqual([
      expect.objectContaining({ itemId: itemId('item-1'), itemExternalId: 'item-1', answers: GOLD, answered: 0 }),
    ]);

    const unmarked = await h.app.inject({
      method: 'DELETE',
      url: `/api/projects/${project.id}/items/${itemId('item-1')}/gold`,
      headers: researcher.headers,
    });
    expect(unmarked.json()).toEqual({ itemId: itemId('item-1'), gold: false });
    const after = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${project.id}/gold`,
      headers: researcher.headers,
    });
    expect(after.json().items).toEqual([]);
  });

  it('refuses reference answers that would not be a valid submission, naming the field', async () => {
    const { researcher, project, itemId } = await arrange();
    const missing = await markGold(researcher, project.id, itemId('item-0'), { rank: GOLD.rank });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.code).toBe('gold.invalid_answers');
    expect(missing.json().error.details.problems).toContainEqual(expect.objectContaining({ path: 'answers.quality' }));

    const unknownOutput = await markGold(researcher, project.id, itemId('item-0'), {
      ...GOLD,
      rank: { type: 'ranking', groups: [['o0'], ['o1'], ['o2'], ['nope']] },
    });
    expect(unknownOutput.statusCode).toBe(422);
    expect(unknownOutput.json().error.message).toMatch(/answers\.rank/);

    const badShape = await markGold(researcher, project.id, itemId('item-0'), { rank: { type: 'ranking' } });
    expect(badShape.statusCode).toBe(400);
    expect(JSON.stringify(badShape.json())).toMatch(/answers/);
  });

  it('is for researchers only: annotators and reviewers get 403, items of other projects 404', async () => {
    const { researcher, project, itemId } = await arrange();
    const annotator = await member(researcher, project.id);
    const reviewer = await member(researcher, project.id, 'reviewer');
    expect((await markGold(annotator, project.id, itemId('item-0'), GOLD)).statusCode).toBe(403);
    expect((await markGold(reviewer, project.id, itemId('item-0'), GOLD)).statusCode).toBe(403);
    expect((await accuracyOf(annotator, project.id)).statusCode).toBe(403);
    const other = await arrange();
    const foreign = await markGold(researcher, project.id, other.itemId('item-0'), GOLD);
    expect(foreign.statusCode).toBe(404);
  });

  it('uses an existing annotation as the gold answer', async () => {
    const { researcher, project, itemId } = await arrange({ items: 1 });
    const annotator = await member(researcher, project.id);
    const task = (await nextTask(h, annotator, project.id)) as Task;
    const annotationId = (await submitTask(h, annotator, task, GOLD)).json().annotationId;
    const used = await h.app.inject({
      method: 'POST',
      url: `/api/annotations/${annotationId}/gold`,
      headers: researcher.headers,
    });
    expect(used.json()).toEqual({ itemId: itemId('item-0'), gold: true });
    const list = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${project.id}/gold`,
      headers: researcher.headers,
    });
    expect(list.json().items[0]).toMatchObject({ answers: GOLD, answered: 1, meanScore: 1 });
  });
});

describe('candidates for gold', () => {
  it('finds any annotated item that is not gold by exact id or prompt text, a page at a time, never a gold one', async () => {
    const { researcher, project, itemId } = await arrange({ items: 5 });
    const annotator = await member(researcher, project.id);
    for (let i = 0; i < 5; i++) {
      const task = (await nextTask(h, annotator, project.id)) as Task;
      expect((await submitTask(h, annotator, task, GOLD)).statusCode).toBe(200);
    }
    expect((await markGold(researcher, project.id, itemId('item-1'), GOLD)).statusCode).toBe(200);
    const candidates = (query: string, who: Person = researcher) =>
      h.app.inject({
        method: 'GET',
        url: `/api/projects/${project.id}/gold/candidates?${query}`,
        headers: who.headers,
      });
    const idsOf = (body: { candidates: { itemExternalId: string }[] }) => body.candidates.map((c) => c.itemExternalId);

    // Pages through every annotation once (the fake clock stands still: ties on the time, broken by id).
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { candidates: { itemExternalId: string }[]; nextCursor: string | null } = (
        await candidates(`limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      expect(page.candidates.length).toBeLessThanOrEqual(2);
      seen.push(...idsOf(page));
      cursor = page.nextCursor;
    }
    expect(seen.sort()).toEqual(['item-0', 'item-2', 'item-3', 'item-4']);

    const exact = (await candidates('q=item-3')).json();
    expect(exact).toMatchObject({ candidates: [{ itemExternalId: 'item-3', answers: GOLD }], nextCursor: null });
    expect(idsOf((await candidates(`q=${encodeURIComponent('Prompt item-4')}`)).json())).toEqual(['item-4']);
    // The gold item is found neither by its id nor by its text.
    expect(idsOf((await candidates('q=item-1')).json())).toEqual([]);
    expect((await candidates('q=item-0', annotator)).statusCode).toBe(403);
  });
});

describe('accuracy on gold', () => {
  it('is the mean score over each annotator’s gold answers (hand-computed fixture)', async () => {
    const { researcher, project, itemId } = await arrange({ items: 2, overlap: 2 });
    const x = await member(researcher, project.id);
    const y = await member(researcher, project.id);
    // x: item-0 exactly as gold (1); item-1 with the two worst swapped (ranking 5/6, ratings 1): 11/12.
    // y: item-0 all wrong (0); item-1 exactly as gold (1).
    const plan: Record<string, Answers> = {
      'x:item-0': GOLD,
      'x:item-1': { ...GOLD, rank: { type: 'ranking', groups: [['o0'], ['o1'], ['o3'], ['o2']] } },
      'y:item-0': WRONG,
      'y:item-1': GOLD,
    };
    for (const [name, person] of [
      ['x', x],
      ['y', y],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        const task = (await nextTask(h, person, project.id)) as Task;
        const response = await submitTask(h, person, task, plan[`${name}:${task.item.externalId}`]);
        expect(response.statusCode).toBe(200);
      }
    }
    // Marked after the answers were given: scores are computed on read, so they count all the same.
    await markGold(researcher, project.id, itemId('item-0'), GOLD);
    await markGold(researcher, project.id, itemId('item-1'), GOLD);

    const accuracy = await accuracyOf(researcher, project.id);
    expect(accuracy.statusCode).toBe(200);
    const byEmail = Object.fromEntries(
      accuracy.json().annotators.map((a: { email: string }) => [a.email, a]),
    ) as Record<string, { answered: number; accuracy: number; belowThreshold: boolean }>;
    expect(byEmail[x.email]?.answered).toBe(2);
    expect(byEmail[x.email]?.accuracy).toBeCloseTo(23 / 24, 10);
    expect(byEmail[y.email]?.accuracy).toBeCloseTo(0.5, 10);
    // Default minAccuracy 0.7 but minAnswers 5: two answers are too few to call anyone below the bar.
    expect(byEmail[y.email]?.belowThreshold).toBe(false);
    expect(accuracy.json().goldItems).toBe(2);

    // The same figures through the service other modules call (agreement dashboard, exports).
    const direct = await h.services.gold.accuracyByAnnotator(project.id);
    expect(direct.find((a) => a.userId === y.id)?.accuracy).toBeCloseTo(0.5, 10);
    const map = await h.services.gold.accuracyMap(project.id);
    expect(map.get(x.id)).toBeCloseTo(23 / 24, 10);
    expect(map.size).toBe(2);
  });
});
