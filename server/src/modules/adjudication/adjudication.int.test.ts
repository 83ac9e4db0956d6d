import type { Answers, Task } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTask, type Person, submitTask } from '../../test/annotating.ts';
import { buildTestApp, FakeClock, rankingLine, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
const clock = new FakeClock();
/** Signed in once (two scrypts each: minutes on a loaded machine); every test makes its own project. */
let people: { researcher: Person; reviewer: Person; annotators: Person[] };
beforeAll(async () => {
  h = await buildTestApp({ clock });
  people = {
    researcher: await h.user('researcher'),
    reviewer: await h.user('annotator'),
    annotators: [await h.user('annotator'), await h.user('annotator'), await h.user('annotator')],
  };
}, 240_000);
afterAll(() => h.close());

const ranked = (...order: string[]): Answers => ({
  rank: { type: 'ranking', groups: order.map((id) => [id]) },
  quality: { type: 'rating', values: Object.fromEntries(order.map((id, i) => [id, 7 - i])) },
});

/**
 * Default ranking template (ranking `rank`, rating `quality`), outputs o0..o2, overlap 3, three annotators who answer
 * every item: `agree` all alike; `split` one annotator reverses the order (pairwise agreement 1/3); `partial` one
 * annotator swaps two outputs (pairwise agreement 7/9). `twins` adds items answered as `split` (named `split-...`)
 * or `partial`: ties in the queue's order.
 */
async function arrange(twins: string[] = []) {
  const { researcher, reviewer, annotators } = people;
  const project = await h.project(researcher, { kind: 'ranking' });
  await h.app.inject({
    method: 'PATCH',
    url: `/api/projects/${project.id}`,
    headers: researcher.headers,
    payload: { overlapTarget: 3 },
  });
  await h.importItems(researcher, project.id, [
    rankingLine('agree', 3),
    rankingLine('split', 3),
    rankingLine('partial', 3),
    ...twins.map((name) => rankingLine(name, 3)),
  ]);
  await h.addMember(researcher, project.id, reviewer, 'reviewer');
  const answersBy: Record<string, Answers[]> = {
    agree: [ranked('o0', 'o1', 'o2'), ranked('o0', 'o1', 'o2'), ranked('o0', 'o1', 'o2')],
    split: [ranked('o0', 'o1', 'o2'), ranked('o2', 'o1', 'o0'), ranked('o0', 'o1', 'o2')],
    partial: [ranked('o0', 'o1', 'o2'), ranked('o0', 'o2', 'o1'), ranked('o0', 'o1', 'o2')],
  };
  const annotationIds: Record<string, string> = {};
  for (const [n, person] of annotators.entries()) {
    await h.addMember(researcher, project.id, person);
    for (let i = 0; i < 3 + twins.length; i++) {
      const task = (await nextTask(h, person, project.id)) as Task;
      const answers = answersBy[task.item.externalId.split('-')[0] as string]?.[n] as Answers;
      const response = await submitTask(h, person, task, answers);
      expect(response.statusCode, response.body).toBe(200);
      annotationIds[`${task.item.externalId}:${n}`] = response.json().annotationId;
    }
  }
  return { researcher, reviewer, annotators, project, annotationIds };
}

const get = (person: Person, url: string) => h.app.inject({ method: 'GET', url, headers: person.headers });
const put = (person: Person, url: string, payload: Record<string, unknown>) =>
  h.app.inject({ method: 'PUT', url, headers: person.headers, payload });

describe('disagreement queue', () => {
  it('pages through the queue once, worst first, through ties and an adjudication between pages', async () => {
    const { reviewer, project } = await arrange(['split-b', 'split-c', 'partial-b']);
    const base = `/api/projects/${project.id}/adjudication`;
    const whole = (await get(reviewer, `${base}?limit=100`)).json().entries as { itemExternalId: string }[];
    expect(whole.map((e) => e.itemExternalId)).toEqual([
      'split',
      'split-b',
      'split-c',
      'partial',
      'partial-b',
      'agree',
    ]);

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const body: { entries: { itemId: string; itemExternalId: string }[]; nextCursor: string | null } = (
        await get(reviewer, `${base}?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...body.entries.map((e: { itemExternalId: string }) => e.itemExternalId));
      if (page === 0) {
        // Adjudicating the cursor's own item between pages changes no entry's place in the order.
        const last = body.entries.at(-1) as { itemId: string };
        const saved = await put(reviewer, `${base}/items/${last.itemId}`, { answers: ranked('o0', 'o1', 'o2') });
        expect(saved.statusCode, saved.body).toBe(200);
      }
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(whole.map((e) => e.itemExternalId));

    const bad = await get(reviewer, `${base}?cursor=${Buffer.from('["x",1,"a"]').toString('base64url')}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('cursor');
  });

  it('lists items worst disagreement first by pairwise ranking agreement on the main question', async () => {
    const { reviewer, project } = await arrange();
    const response = await get(reviewer, `/api/projects/${project.id}/adjudication`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.question).toEqual({ id: 'rank', type: 'ranking', label: expect.any(String) });
    expect(body.entries.map((e: { itemExternalId: string }) => e.itemExternalId)).toEqual([
      'split',
      'partial',
      'agree',
    ]);
    expect(body.entries.map((e: { disagreement: number }) => e.disagreement)).toEqual([
      expect.closeTo(2 / 3),
      expect.closeTo(2 / 9),
      0,
    ]);
    expect(body.entries[0]).toMatchObject({ annotations: 3, adjudicatedAt: null });
  });

  it('leaves out rejected annotations and items left with fewer than two', async () => {
    const { reviewer, project, annotationIds } = await arrange();
    for (const n of [1, 2]) {
      const verdict = await h.app.inject({
        method: 'POST',
        url: `/api/annotations/${annotationIds[`agree:${n}`]}/review`,
        headers: reviewer.headers,
        payload: { verdict: 'rejected', comment: 'Read the prompt again.' },
      });
      expect(verdict.statusCode, verdict.body).toBe(201);
    }
    // Rejecting the dissenter of `split` leaves two who agree.
    await h.app.inject({
      method: 'POST',
      url: `/api/annotations/${annotationIds['split:1']}/review`,
      headers: reviewer.headers,
      payload: { verdict: 'rejected', comment: 'Reversed.' },
    });
    const body = (await get(reviewer, `/api/projects/${project.id}/adjudication`)).json();
    expect(
      body.entries.map((e: { itemExternalId: string; annotations: number }) => [e.itemExternalId, e.annotations]),
    ).toEqual([
      ['partial', 3],
      ['split', 2],
    ]);
  });

  it('is for reviewers and researchers: annotators get 403, outsiders 404', async () => {
    const { annotators, project, researcher } = await arrange();
    const [annotator] = annotators as [Person];
    expect((await get(researcher, `/api/projects/${project.id}/adjudication`)).statusCode).toBe(200);
    const denied = await get(annotator, `/api/projects/${project.id}/adjudication`);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('adjudication.forbidden');
    const queue = (await get(researcher, `/api/projects/${project.id}/adjudication`)).json();
    const itemUrl = `/api/projects/${project.id}/adjudication/items/${queue.entries[0].itemId}`;
    expect((await get(annotator, itemUrl)).statusCode).toBe(403);
    expect((await put(annotator, itemUrl, { answers: ranked('o0', 'o1', 'o2') })).statusCode).toBe(403);
    const outsider = await h.user('researcher');
    expect((await get(outsider, `/api/projects/${project.id}/adjudication`)).statusCode).toBe(404);
    expect((await get(outsider, itemUrl)).statusCode).toBe(404);
  });
});

describe('adjudication', () => {
  it('shows every annotation side by side with outputs named by id, never annotators or models', async () => {
    const { reviewer, project, annotators } = await arrange();
    const queue = (await get(reviewer, `/api/projects/${project.id}/adjudication`)).json();
    const response = await get(reviewer, `/api/projects/${project.id}/adjudication/items/${queue.entries[0].itemId}`);
    expect(response.statusCode, response.body).toBe(200);
    const item = response.json();
    expect(item.itemExternalId).toBe('split');
    expect(item.outputs.map((o: { id: string }) => o.id)).toEqual(['o0', 'o1', 'o2']);
    expect(item.disagreement).toBeCloseTo(2 / 3);
    expect(item.annotations.map((a: { annotator: string }) => a.annotator)).toEqual([
      'Annotator 1',
      'Annotator 2',
      'Annotator 3',
    ]);
    expect(item.annotations.map((a: { answers: Answers }) => a.answers.rank)).toContainEqual({
      type: 'ranking',
      groups: [['o2'], ['o1'], ['o0']],
    });
    expect(item.questions.map((q: { id: string }) => q.id)).toEqual(['rank', 'quality']);
    expect(item.adjudication).toBeNull();
    for (const annotator of annotators) expect(response.body).not.toContain(annotator.email);
    expect(response.body).not.toMatch(/"model"|"m[0-2]"/);
  });

  it('stores one adjudicated answer per item, replaced and audited on re-adjudication, checked against the template', async () => {
    const { reviewer, researcher, project } = await arrange();
    const queue = (await get(reviewer, `/api/projects/${project.id}/adjudication`)).json();
    const [split, partial] = queue.entries as { itemId: string }[] as [{ itemId: string }, { itemId: string }];
    const url = `/api/projects/${project.id}/adjudication/items/${split.itemId}`;

    const misfit = await put(reviewer, url, { answers: { rank: { type: 'ranking', groups: [['o0'], ['o9']] } } });
    expect(misfit.statusCode).toBe(422);
    expect(misfit.json().error.code).toBe('adjudication.invalid_answers');
    expect((await put(reviewer, url, { answers: 'nope' })).statusCode).toBe(400);

    const first = await put(reviewer, url, { answers: ranked('o0', 'o1', 'o2') });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ itemId: split.itemId, revision: 1, adjudicatorEmail: reviewer.email });
    clock.advance(60_000);
    const second = await put(researcher, url, { answers: ranked('o1', 'o0', 'o2') });
    expect(second.json()).toMatchObject({ revision: 2, adjudicatorEmail: researcher.email });
    expect(Date.parse(second.json().adjudicatedAt)).toBeGreaterThan(Date.parse(first.json().adjudicatedAt));

    const item = (await get(reviewer, url)).json();
    expect(item.adjudication).toMatchObject({ revision: 2, answers: ranked('o1', 'o0', 'o2') });
    const stored = await h.services.adjudication.adjudicatedAnswers(project.id);
    expect([...stored.entries()]).toEqual([[split.itemId, ranked('o1', 'o0', 'o2')]]);

    const all = (await get(reviewer, `/api/projects/${project.id}/adjudication`)).json();
    expect(all.entries.find((e: { itemId: string }) => e.itemId === split.itemId).adjudicatedAt).toBe(
      second.json().adjudicatedAt,
    );
    const pending = (await get(reviewer, `/api/projects/${project.id}/adjudication?pending=true`)).json();
    expect(pending.entries.map((e: { itemId: string }) => e.itemId)).not.toContain(split.itemId);
    expect(pending.entries.map((e: { itemId: string }) => e.itemId)).toContain(partial.itemId);

    const admin = await h.user('admin');
    const audit = await get(admin, `/api/audit?action=adjudication.save&projectId=${project.id}`);
    expect(
      audit
        .json()
        .events.map((e: { actorEmail: string; target: string; details: { revision: number } }) => [
          e.actorEmail,
          e.target,
          e.details.revision,
        ]),
    ).toEqual([
      [researcher.email, split.itemId, 2],
      [reviewer.email, split.itemId, 1],
    ]);
  });

  it('answers 404 for an item of another project', async () => {
    const { researcher, reviewer, project } = await arrange();
    const queue = (await get(reviewer, `/api/projects/${project.id}/adjudication`)).json();
    const other = await h.project(researcher, { kind: 'ranking' });
    await h.addMember(researcher, other.id, reviewer, 'reviewer');
    const url = `/api/projects/${other.id}/adjudication/items/${queue.entries[0].itemId}`;
    expect((await get(reviewer, url)).statusCode).toBe(404);
    expect((await put(reviewer, url, { answers: ranked('o0', 'o1', 'o2') })).statusCode).toBe(404);
  });

  it('has no queue for a template without a scorable question', async () => {
    const { researcher } = people;
    const project = await h.project(researcher, { kind: 'demonstration' });
    const body = (await get(researcher, `/api/projects/${project.id}/adjudication`)).json();
    expect(body).toEqual({ question: null, entries: [], nextCursor: null });
  });
});
