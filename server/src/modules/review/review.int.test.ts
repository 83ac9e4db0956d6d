import type { Task } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTask, type Person, submitTask } from '../../test/annotating.ts';
import { buildTestApp, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
/** Signed in once (two scrypts each: minutes on a loaded machine); every test makes its own project. */
let people: Record<'researcher' | 'reviewer' | 'a' | 'b' | 'c' | 'd' | 'outsider', Person>;
beforeAll(async () => {
  h = await buildTestApp();
  people = {
    researcher: await h.user('researcher'),
    reviewer: await h.user('annotator'),
    a: await h.user('annotator'),
    b: await h.user('annotator'),
    c: await h.user('annotator'),
    d: await h.user('annotator'),
    outsider: await h.user('researcher'),
  };
}, 240_000);
afterAll(() => h.close());

/** A demonstration project with two items, two annotators who each answered both, and a reviewer. */
async function arrange() {
  const { researcher, reviewer, a, b } = people;
  const project = await h.project(researcher, { kind: 'demonstration' });
  await h.importItems(researcher, project.id, [
    { id: 'one', prompt: 'Say hi', outputs: [{ id: 'o1', model: 'secret-model', content: 'hello' }] },
    { id: 'two', prompt: 'Say bye', outputs: [{ id: 'o1', model: 'secret-model', content: 'bye' }] },
  ]);
  await h.app.inject({
    method: 'PATCH',
    url: `/api/projects/${project.id}`,
    headers: researcher.headers,
    payload: { overlapTarget: 2 },
  });
  await h.addMember(researcher, project.id, reviewer, 'reviewer');
  const annotationIds: Record<string, string> = {};
  for (const [name, person] of [
    ['a', a],
    ['b', b],
  ] as const) {
    await h.addMember(researcher, project.id, person);
    for (let i = 0; i < 2; i++) {
      const task = (await nextTask(h, person, project.id)) as Task;
      const text = `The cat sat on the mat, says ${name} on ${task.item.externalId}.`;
      const response = await submitTask(h, person, task, { reply: { type: 'demonstration', text } });
      annotationIds[`${name}:${task.item.externalId}`] = response.json().annotationId;
    }
  }
  return { researcher, reviewer, a, b, project, annotationIds };
}

const review = (person: Person, annotationId: string, payload: Record<string, unknown>) =>
  h.app.inject({ method: 'POST', url: `/api/annotations/${annotationId}/review`, headers: person.headers, payload });

describe('review', () => {
  it('gives reviewers the oldest unreviewed annotations with what they need to judge, never model names', async () => {
    const { reviewer, project } = await arrange();
    const queue = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${project.id}/review-queue?limit=10`,
      headers: reviewer.headers,
    });
    expect(queue.statusCode).toBe(200);
    const entries = queue.json().entries;
    expect(entries).toHaveLength(4);
    expect(entries[0].conversation[0].content).toMatch(/Say/);
    expect(entries[0].outputs[0]).toEqual({ id: 'o1', content: expect.any(String) });
    expect(queue.body).not.toContain('secret-model');
    const submitted = entries.map((e: { submittedAt: string }) => e.submittedAt);
    expect(submitted).toEqual([...submitted].sort());
  });

  it('accepts, rejects with a comment, and corrects with a word diff; one verdict per annotation', async () => {
    const { reviewer, project, annotationIds } = await arrange();
    expect((await review(reviewer, annotationIds['a:one'] as string, { verdict: 'accepted' })).statusCode).toBe(201);
    const noComment = await review(reviewer, annotationIds['a:two'] as string, { verdict: 'rejected' });
    expect(noComment.statusCode).toBe(400);
    const rejected = await review(reviewer, annotationIds['a:two'] as string, {
      verdict: 'rejected',
      comment: 'Answer the prompt, not the cat.',
    });
    expect(rejected.statusCode).toBe(201);
    const corrected = await review(reviewer, annotationIds['b:one'] as string, {
      verdict: 'corrected',
      correctedAnswers: { reply: { type: 'demonstration', text: 'The dog sat on the mat, says b on one.' } },
    });
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect(corrected.json().diffs.reply).toEqual([
      { op: 'same', text: 'The ' },
      { op: 'removed', text: 'cat' },
      { op: 'added', text: 'dog' },
      { op: 'same', text: ' sat on the mat, says b on one.' },
    ]);
    const admin = await h.user('admin');
    const audit = await h.app.inject({
      method: 'GET',
      url: '/api/audit?action=review.verdict&limit=500',
      headers: admin.headers,
    });
    const ours = new Set(Object.values(annotationIds));
    const mine = audit
      .json()
      .events.filter(
        (e: { actorEmail: string; target: string }) => e.actorEmail === reviewer.email && ours.has(e.target),
      );
    expect(mine.map((e: { details: { verdict: string } }) => e.details.verdict).sort()).toEqual([
      'accepted',
      'corrected',
      'rejected',
    ]);
    const again = await review(reviewer, annotationIds['a:one'] as string, { verdict: 'rejected', comment: 'no' });
    expect(again.statusCode).toBe(409);
    const misfit = await review(reviewer, annotationIds['b:two'] as string, {
      verdict: 'corrected',
      correctedAnswers: { nonsense: { type: 'demonstration', text: 'x' } },
    });
    expect(misfit.statusCode).toBe(422);
    const queue = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${project.id}/review-queue`,
      headers: reviewer.headers,
    });
    expect(queue.json().entries.map((e: { annotationId: string }) => e.annotationId)).toEqual([annotationIds['b:two']]);
  });

  it('shows annotators the feedback on their own work only', async () => {
    const { reviewer, a, b, project, annotationIds } = await arrange();
    await review(reviewer, annotationIds['a:two'] as string, { verdict: 'rejected', comment: 'Too short for a' });
    await review(reviewer, annotationIds['b:one'] as string, { verdict: 'rejected', comment: 'Too short for b' });
    const mine = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${project.id}/my-reviews`,
      headers: a.headers,
    });
    expect(mine.json().reviews).toMatchObject([{ verdict: 'rejected', comment: 'Too short for a' }]);
    expect(mine.body).not.toContain('for b');
    const all = await h.app.inject({ method: 'GET', url: `/api/projects/${project.id}/reviews`, headers: b.headers });
    expect(all.statusCode).toBe(403);
  });

  it('is for the project reviewers and researchers, never on their own work', async () => {
    const { researcher, a, b, project, annotationIds } = await arrange();
    expect((await review(a, annotationIds['b:one'] as string, { verdict: 'accepted' })).statusCode).toBe(403);
    const { outsider } = people;
    expect((await review(outsider, annotationIds['b:one'] as string, { verdict: 'accepted' })).statusCode).toBe(404);
    // A reviewer who also annotates never gets their own annotation to judge.
    await h.addMember(researcher, project.id, b, 'reviewer');
    const own = await review(b, annotationIds['b:one'] as string, { verdict: 'accepted' });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('review.own_work');
    const queue = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${project.id}/review-queue`,
      headers: b.headers,
    });
    expect(
      queue
        .json()
        .entries.every((e: { annotationId: string }) => !e.annotationId.startsWith(annotationIds['b:one'] as string)),
    ).toBe(true);
  });
});

describe('a rejection sends the item back to the pool', () => {
  it('gives the item to a different annotator until its non-rejected annotations reach the overlap target', async () => {
    const { researcher, reviewer, a, b, project, annotationIds } = await arrange();
    const rejected = await review(reviewer, annotationIds['a:one'] as string, {
      verdict: 'rejected',
      comment: 'Say hi in full sentences.',
    });
    expect(rejected.statusCode, rejected.body).toBe(201);
    // The rejected annotator never gets the item again; nor does the one whose answer stands.
    expect(await nextTask(h, a, project.id)).toBeNull();
    expect(await nextTask(h, b, project.id)).toBeNull();

    const { c, d } = people;
    await h.addMember(researcher, project.id, c);
    const replacement = (await nextTask(h, c, project.id)) as Task;
    expect(replacement.item.externalId).toBe('one');
    const submitted = await submitTask(h, c, replacement, {
      reply: { type: 'demonstration', text: 'Hello! How can I help you today?' },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);

    // Two answers stand (b and c) = the overlap target: nobody else gets the item.
    await h.addMember(researcher, project.id, d);
    expect(await nextTask(h, d, project.id)).toBeNull();
    const stored = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${project.id}/annotations`,
      headers: researcher.headers,
    });
    const onOne = stored.json().annotations.filter((x: { itemId: string }) => x.itemId === replacement.item.id);
    // The rejected annotation stays stored beside the two that stand.
    expect(onOne).toHaveLength(3);
  });

  it('counts an item with a rejected annotation as not completed until a replacement answer stands', async () => {
    const { researcher, reviewer, project, annotationIds } = await arrange();
    const progress = async () =>
      (await h.app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: researcher.headers })).json()
        .progress;
    expect(await progress()).toMatchObject({ items: 2, completedItems: 2 });
    await review(reviewer, annotationIds['a:one'] as string, { verdict: 'rejected', comment: 'Say hi properly.' });
    expect(await progress()).toMatchObject({ items: 2, completedItems: 1 });
    const { c } = people;
    await h.addMember(researcher, project.id, c);
    const replacement = (await nextTask(h, c, project.id)) as Task;
    await submitTask(h, c, replacement, { reply: { type: 'demonstration', text: 'Hello! How can I help you?' } });
    expect(await progress()).toMatchObject({ items: 2, completedItems: 2 });
  });

  it('answers a second verdict on the same annotation with 409 and opens no second slot', async () => {
    const { researcher, reviewer, project, annotationIds } = await arrange();
    const annotationId = annotationIds['b:two'] as string;
    expect((await review(reviewer, annotationId, { verdict: 'rejected', comment: 'Off topic.' })).statusCode).toBe(201);
    const again = await review(reviewer, annotationId, { verdict: 'rejected', comment: 'Still off topic.' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('review.already_reviewed');
    const accept = await review(researcher, annotationId, { verdict: 'accepted' });
    expect(accept.statusCode).toBe(409);

    const { c, d } = people;
    await h.addMember(researcher, project.id, c);
    await h.addMember(researcher, project.id, d);
    const task = (await nextTask(h, c, project.id)) as Task;
    expect(task.item.externalId).toBe('two');
    expect(await nextTask(h, d, project.id)).toBeNull();
  });

  it('shows the annotator the verdict, the comment and their original answer', async () => {
    const { reviewer, a, project, annotationIds } = await arrange();
    await review(reviewer, annotationIds['a:two'] as string, { verdict: 'rejected', comment: 'Say bye politely.' });
    const mine = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${project.id}/my-reviews`,
      headers: a.headers,
    });
    expect(mine.json().reviews).toEqual([
      expect.objectContaining({
        verdict: 'rejected',
        comment: 'Say bye politely.',
        itemExternalId: 'two',
        originalAnswers: { reply: { type: 'demonstration', text: 'The cat sat on the mat, says a on two.' } },
      }),
    ]);
  });
});
