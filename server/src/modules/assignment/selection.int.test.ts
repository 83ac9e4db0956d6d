import type { OrderingPolicy, Task } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../db/client.ts';
import { nextTask, type Person, submitTask } from '../../test/annotating.ts';
import { buildTestApp, engine, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
let researcher: Person;
const people: Person[] = [];
beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
});
afterAll(() => h.close());

/** Signing in hashes a password (slow by design): the tests reuse a few annotators across their projects. */
async function annotator(projectId: string, index: number): Promise<Person> {
  people[index] ??= await h.user('annotator');
  const person = people[index] as Person;
  await h.addMember(researcher, projectId, person);
  return person;
}

/** A two-output ranking item; `scores` are the outputs' reward-model scores when given. */
function line(id: string, scores?: [number, number]) {
  return {
    id,
    prompt: `Prompt ${id}`,
    outputs: [0, 1].map((k) => ({
      id: `o${k}`,
      model: `m${k}`,
      content: `Output ${k} of ${id}`,
      ...(scores ? { score: scores[k] } : {}),
    })),
  };
}

async function projectOf(lines: unknown[], settings: { ordering: OrderingPolicy; overlapTarget?: number }) {
  const project = await h.project(researcher, { kind: 'ranking' });
  const imported = await h.importItems(researcher, project.id, lines);
  expect(imported.statusCode).toBe(200);
  const patched = await h.app.inject({
    method: 'PATCH',
    url: `/api/projects/${project.id}`,
    headers: researcher.headers,
    payload: settings,
  });
  expect(patched.statusCode).toBe(200);
  return project.id;
}

/** Ranks o0 over o1, or the reverse (named by the file's ids; submitTask sends them as the blind ids shown). */
function ranking(first: 'o0' | 'o1') {
  const second = first === 'o0' ? 'o1' : 'o0';
  return {
    rank: { type: 'ranking' as const, groups: [[first], [second]] },
    quality: { type: 'rating' as const, values: { [first]: 7, [second]: 3 } },
  };
}

/** The items one annotator is given, in order, each submitted before the next claim (external ids). */
async function claimOrder(person: Person, projectId: string, count = Number.POSITIVE_INFINITY): Promise<string[]> {
  const order: string[] = [];
  while (order.length < count) {
    const task = await nextTask(h, person, projectId);
    if (!task) break;
    order.push(task.item.externalId);
    expect((await submitTask(h, person, task, ranking('o0'))).statusCode).toBe(200);
  }
  return order;
}

async function putScores(projectId: string, scores: unknown[], person: Person = researcher) {
  return h.app.inject({
    method: 'PUT',
    url: `/api/projects/${projectId}/output-scores`,
    headers: person.headers,
    payload: { scores },
  });
}

describe('score-margin policy', () => {
  it('serves items whose imported reward-model scores are closest first, unscored items last', async () => {
    const projectId = await projectOf(
      [line('wide', [0.1, 0.9]), line('unscored'), line('close', [0.5, 0.52]), line('middle', [0.3, 0.6])],
      { ordering: 'score-margin' },
    );
    expect(await claimOrder(await annotator(projectId, 0), projectId)).toEqual(['close', 'middle', 'wide', 'unscored']);
  });

  it('follows scores set through PUT /output-scores, all or nothing', async () => {
    const lines = [line('a', [0, 1]), line('b', [0, 0.5]), line('c')];
    const projectId = await projectOf(lines, { ordering: 'score-margin' });
    // c gets a tie (margin 0): first; a's margin shrinks below b's.
    const set = await putScores(projectId, [
      { item: 'c', output: 'o0', score: 2 },
      { item: 'c', output: 'o1', score: 2 },
      { item: 'a', output: 'o1', score: 0.25 },
    ]);
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ outputs: 3, items: 2 });

    const unknown = await putScores(projectId, [
      { item: 'b', output: 'o1', score: 0 },
      { item: 'b', output: 'o7', score: 1 },
    ]);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.message).toContain('scores.1');
    const notFinite = await putScores(projectId, [{ item: 'b', output: 'o1', score: '1e999' }]);
    expect(notFinite.statusCode).toBe(400);
    const member = await annotator(projectId, 1);
    expect((await putScores(projectId, [{ item: 'b', output: 'o1', score: 0 }], member)).statusCode).toBe(403);

    // Nothing of the refused requests was written: b keeps its margin of 0.5.
    expect(await claimOrder(await annotator(projectId, 0), projectId)).toEqual(['c', 'a', 'b']);
  });

  it('clears an item\u2019s margin when a score is cleared', async () => {
    const projectId = await projectOf([line('a', [0, 1]), line('b', [0, 0.9])], { ordering: 'score-margin' });
    expect((await putScores(projectId, [{ item: 'b', output: 'o1', score: null }])).statusCode).toBe(200);
    expect(await claimOrder(await annotator(projectId, 0), projectId)).toEqual(['a', 'b']);
  });
});

describe('judge-disagreement policy (scores written by the judges through setSelectionScores)', () => {
  it('serves the highest scores first, ignores other projects\u2019 items, and applies scores set before the switch', async () => {
    const projectId = await projectOf([line('p'), line('q'), line('r')], { ordering: 'import-order' });
    const other = await projectOf([line('x')], { ordering: 'import-order' });
    const ids = await rawRows<{ id: string; external_id: string }>(
      h.database.db,
      sql`select id, external_id from items where project_id in (${projectId}, ${other})`,
    );
    const id = (external: string) => ids.find((r) => r.external_id === external)?.id as string;
    const known = await h.services.assignment.setSelectionScores(
      projectId,
      'judge-disagreement',
      new Map([
        [id('q'), 0.9],
        [id('r'), 0.4],
        [id('x'), 5],
      ]),
    );
    expect(known).toBe(2);
    await expect(
      h.services.assignment.setSelectionScores(projectId, 'judge-disagreement', new Map([[id('p'), Number.NaN]])),
    ).rejects.toThrow(/not finite/);
    const patched = await h.app.inject({
      method: 'PATCH',
      url: `/api/projects/${projectId}`,
      headers: researcher.headers,
      payload: { ordering: 'judge-disagreement' },
    });
    expect(patched.statusCode).toBe(200);
    const person = await annotator(projectId, 0);
    expect(await claimOrder(person, projectId, 1)).toEqual(['q']);
    // A score arriving while the policy is on moves the open slots at once.
    await h.services.assignment.setSelectionScores(projectId, 'judge-disagreement', new Map([[id('p'), 2]]));
    expect(await claimOrder(person, projectId)).toEqual(['p', 'r']);
  });
});

describe('human-disagreement policy', () => {
  it('serves items whose answers disagree first, measured again after each submit', async () => {
    const projectId = await projectOf([line('i0'), line('i1'), line('i2')], {
      ordering: 'human-disagreement',
      overlapTarget: 3,
    });
    const [a, b, c] = [await annotator(projectId, 0), await annotator(projectId, 1), await annotator(projectId, 2)];
    expect(await claimOrder(a, projectId)).toEqual(['i0', 'i1', 'i2']);
    // b agrees with a on i0 and disagrees on i1.
    for (const first of ['o0', 'o1'] as const) {
      const task = (await nextTask(h, b, projectId)) as Task;
      expect((await submitTask(h, b, task, ranking(first))).statusCode).toBe(200);
    }
    // i1 (disagreement) before i0 (agreement, measured 0) before i2 (one answer: nothing to measure).
    expect(await claimOrder(c, projectId)).toEqual(['i1', 'i0', 'i2']);
  });

  it('measures every item when the policy is switched on', async () => {
    const projectId = await projectOf([line('j0'), line('j1')], { ordering: 'import-order', overlapTarget: 3 });
    const [a, b, c] = [await annotator(projectId, 0), await annotator(projectId, 1), await annotator(projectId, 2)];
    await claimOrder(a, projectId);
    for (const first of ['o0', 'o1'] as const) {
      const task = (await nextTask(h, b, projectId)) as Task;
      expect((await submitTask(h, b, task, ranking(first))).statusCode).toBe(200);
    }
    const patched = await h.app.inject({
      method: 'PATCH',
      url: `/api/projects/${projectId}`,
      headers: researcher.headers,
      payload: { ordering: 'human-disagreement' },
    });
    expect(patched.statusCode).toBe(200);
    expect(await claimOrder(c, projectId)).toEqual(['j1', 'j0']);
  });
});

describe('the claim under a selection policy', () => {
  // O(log n): the claim's ORDER BY is the partial index's order, so PostgreSQL reads the index from its start and
  // stops at the first free slot; no Sort node means no per-claim sort of the project's open slots.
  it.runIf(engine === 'postgres')('walks item_slots_open_selection_idx in order, without sorting', async () => {
    const projectId = await projectOf([line('s0', [0, 1]), line('s1', [0, 0.2])], { ordering: 'score-margin' });
    const plan = await h.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return rawRows<{ 'QUERY PLAN': string }>(
        tx,
        sql`explain select s.item_id from item_slots s
            where s.project_id = ${projectId} and s.annotation_id is null and not s.gold
            order by s.selection_score desc nulls last, s.item_fill desc nulls last, s.item_position, s.slot_no
            limit 1`,
      );
    });
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('item_slots_open_selection_idx');
    expect(text).not.toMatch(/\bSort\b/);
  });
});
