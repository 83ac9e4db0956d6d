import { createHash, randomUUID } from 'node:crypto';
import type { Task } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTask, type Person, rankingAnswers, submitTask } from '../test/annotating.ts';
import { buildTestApp, type TestHarness } from '../test/test-app.ts';

/**
 * Annotator blindness, checked at the API (not only in the UI): an annotator never receives another annotator's
 * answers or drafts, model names, reference ("gold") labels, or agreement figures, from any route they may call.
 * Every answer an annotator gets in these tests is collected and searched for the secrets planted in the data.
 */
let h: TestHarness;
beforeAll(async () => {
  h = await buildTestApp();
});
afterAll(() => h.close());

const SECRET_MODEL = 'secret-model-alpha-7b';
const SECRET_ANSWER = `answer-of-annotator-A-${randomUUID()}`;
const SECRET_DRAFT = `draft-of-annotator-A-${randomUUID()}`;
const CHOSEN_REPLY = `preferred-by-the-dataset-${randomUUID()}`;

/** Everything an annotator reads, kept to be searched. */
function recorder(h: TestHarness, person: Person) {
  const seen: string[] = [];
  return {
    seen,
    async call(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
      const response = await h.app.inject({ method, url, headers: person.headers, payload: payload as string });
      seen.push(response.body);
      return response;
    },
  };
}

describe('annotator blindness', () => {
  it('shows an annotator no other answers, drafts, model names, reference labels or agreement figures', async () => {
    const researcher = await h.user('researcher');
    const a = await h.user('annotator');
    const b = await h.user('annotator');
    const project = await h.project(researcher, { kind: 'demonstration' });
    await h.app.inject({
      method: 'PATCH',
      url: `/api/projects/${project.id}`,
      headers: researcher.headers,
      payload: { overlapTarget: 2 },
    });
    await h.importItems(
      researcher,
      project.id,
      ['one', 'two'].map((id) => ({
        id,
        prompt: `Prompt ${id}`,
        outputs: [{ id: 'o1', model: SECRET_MODEL, content: `Draft reply ${id}` }],
      })),
    );
    for (const person of [a, b]) await h.addMember(researcher, project.id, person);

    // A answers one item and leaves a draft on the other.
    const first = await nextTask(h, a, project.id);
    if (!first) throw new Error('no task for A');
    const submitted = await submitTask(h, a, first, { reply: { type: 'demonstration', text: SECRET_ANSWER } });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const second = await nextTask(h, a, project.id);
    if (!second) throw new Error('no second task for A');
    await h.app.inject({
      method: 'PUT',
      url: `/api/leases/${second.leaseId}/draft`,
      headers: a.headers,
      payload: { answers: { reply: { type: 'demonstration', text: SECRET_DRAFT } } },
    });

    // B works through the same items and calls everything an annotator might.
    const asB = recorder(h, b);
    for (let i = 0; i < 3; i++) {
      const next = await asB.call('POST', `/api/projects/${project.id}/tasks/next`);
      const task = next.json().task;
      if (!task) break;
      expect(task.outputs.every((o: Record<string, unknown>) => !('model' in o))).toBe(true);
      await asB.call('PUT', `/api/leases/${task.leaseId}/draft`, { answers: {} });
      await asB.call('POST', `/api/leases/${task.leaseId}/skip`, { reason: 'other' });
    }
    await asB.call('GET', '/api/projects');
    await asB.call('GET', `/api/projects/${project.id}`);
    for (const path of ['members', 'agreement', 'annotations', 'skips', 'export?format=raw']) {
      const response = await asB.call('GET', `/api/projects/${project.id}/${path}`);
      expect(response.statusCode, path).toBe(403);
    }
    const everything = asB.seen.join('\n');
    expect(everything).not.toContain(SECRET_ANSWER);
    expect(everything).not.toContain(SECRET_DRAFT);
    expect(everything).not.toContain(SECRET_MODEL);
    expect(everything).not.toMatch(/"(alpha|kappa|agreement|estimates)"/);
  });

  it('never tells an annotator which output an imported dataset preferred', async () => {
    const researcher = await h.user('researcher');
    const annotator = await h.user('annotator');
    const project = await h.project(researcher, { kind: 'ranking' });
    const line = {
      chosen: `\n\nHuman: Which is it?\n\nAssistant: ${CHOSEN_REPLY}`,
      rejected: '\n\nHuman: Which is it?\n\nAssistant: the other reply',
      score_chosen: 9,
    };
    const imported = await h.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/imports?format=hh-rlhf`,
      headers: { ...researcher.headers, 'content-type': 'application/x-ndjson' },
      payload: JSON.stringify(line),
    });
    expect(imported.statusCode, imported.body).toBe(200);
    await h.addMember(researcher, project.id, annotator);
    const asAnnotator = recorder(h, annotator);
    const next = await asAnnotator.call('POST', `/api/projects/${project.id}/tasks/next`);
    const task = next.json().task;
    // The reply itself is shown (it is one of the outputs), but nothing says it was the chosen one.
    expect(task.outputs.map((o: { content: string }) => o.content)).toContain(CHOSEN_REPLY);
    await asAnnotator.call('GET', `/api/projects/${project.id}`);
    const everything = asAnnotator.seen.join('\n');
    expect(everything).not.toMatch(/chosen|rejected|reference|score_chosen|"gold"/i);
  });

  it('never shows an annotator the output ids the researcher chose, in tasks, drafts, answers or feedback', async () => {
    const researcher = await h.user('researcher');
    const annotator = await h.user('annotator');
    const reviewer = await h.user('annotator');
    const project = await h.project(researcher, { kind: 'ranking' });
    const ids = ['chosen-by-source', 'gpt-4-0613', 'claude-secret-v2'];
    await h.importItems(researcher, project.id, [
      {
        id: 'leaky',
        prompt: 'Which is best?',
        outputs: ids.map((id, i) => ({ id, model: 'm', content: `reply ${i}` })),
      },
    ]);
    await h.addMember(researcher, project.id, annotator);
    await h.addMember(researcher, project.id, reviewer, 'reviewer');
    const asAnnotator = recorder(h, annotator);
    const task = (await asAnnotator.call('POST', `/api/projects/${project.id}/tasks/next`)).json().task as Task;
    const draft = await asAnnotator.call('PUT', `/api/leases/${task.leaseId}/draft`, {
      answers: rankingAnswers(task),
    });
    expect(draft.statusCode, draft.body).toBe(200);
    // The reloaded task gives the draft back in the ids the annotator sees.
    const reloaded = (await asAnnotator.call('POST', `/api/projects/${project.id}/tasks/next`)).json().task as Task;
    expect(reloaded.draft?.answers).toEqual(rankingAnswers(task));
    // A submit naming the real ids (guessed) is refused like any unknown output (its error echoes the guess, so it
    // is left out of what the annotator was told).
    const guessed = await h.app.inject({
      method: 'POST',
      url: `/api/leases/${task.leaseId}/submit`,
      headers: annotator.headers,
      payload: {
        idempotencyKey: randomUUID(),
        answers: { ...rankingAnswers(task), rank: { type: 'ranking', groups: [ids] } },
      },
    });
    expect(guessed.statusCode, guessed.body).toBe(422);
    const submitted = await asAnnotator.call('POST', `/api/leases/${task.leaseId}/submit`, {
      idempotencyKey: randomUUID(),
      answers: rankingAnswers(task),
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const review = await h.app.inject({
      method: 'POST',
      url: `/api/annotations/${submitted.json().annotationId}/review`,
      headers: reviewer.headers,
      payload: { verdict: 'accepted' },
    });
    expect(review.statusCode, review.body).toBe(201);
    const feedback = await asAnnotator.call('GET', `/api/projects/${project.id}/my-reviews`);
    expect(feedback.json().reviews[0].originalAnswers).toEqual(rankingAnswers(task));
    const everything = asAnnotator.seen.join('\n');
    for (const id of ids) expect(everything).not.toContain(id);

    // Researchers and exports keep the real ids: the stored answer ranks the outputs the annotator ranked.
    const stored = await h.app.inject({ url: `/api/projects/${project.id}/annotations`, headers: researcher.headers });
    const byBlind = new Map(task.outputs.map((o) => [o.id, ids[Number(o.content.slice('reply '.length))]]));
    const expected = rankingAnswers(task).rank as { groups: string[][] };
    expect(stored.json().annotations[0].answers.rank.groups).toEqual(
      expected.groups.map((group) => group.map((id) => byBlind.get(id))),
    );
  }, 120_000);

  it('gives an annotator no way to predict the source preference of imported pairs: chance level', async () => {
    const researcher = await h.user('researcher');
    const annotator = await h.user('annotator');
    const project = await h.project(researcher, { kind: 'ranking' });
    const pairs = 120;
    const lines = Array.from({ length: pairs }, (_, i) => ({
      chosen: `\n\nHuman: Question ${i}?\n\nAssistant: chosen ${i}`,
      rejected: `\n\nHuman: Question ${i}?\n\nAssistant: other ${i}`,
    }));
    const imported = await h.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/imports?format=hh-rlhf`,
      headers: { ...researcher.headers, 'content-type': 'application/x-ndjson' },
      payload: lines.map((l) => JSON.stringify(l)).join('\n'),
    });
    expect(imported.statusCode, imported.body).toBe(200);
    await h.addMember(researcher, project.id, annotator);

    // Predictors an annotator could run on the task payload alone.
    const predictors: Record<string, (task: Task) => string | undefined> = {
      // The old leak: `a` was the chosen output when sha256(external id)[0] was even.
      hashOfExternalId: (task) => {
        const even = (createHash('sha256').update(task.item.externalId).digest()[0] ?? 0) % 2 === 0;
        return task.outputs.find((o) => o.id === (even ? 'a' : 'b'))?.id ?? task.outputs[0]?.id;
      },
      smallestId: (task) => [...task.outputs].sort((x, y) => x.id.localeCompare(y.id))[0]?.id,
      shownFirst: (task) => task.outputs[0]?.id,
      labelA: (task) => task.outputs.find((o) => o.label === 'A')?.id,
    };
    const hits = Object.fromEntries(Object.keys(predictors).map((name) => [name, 0]));
    let seen = 0;
    for (;;) {
      const task = await nextTask(h, annotator, project.id);
      if (!task) break;
      seen++;
      const chosenId = task.outputs.find((o) => o.content.startsWith('chosen'))?.id;
      for (const [name, predict] of Object.entries(predictors))
        if (predict(task) === chosenId) hits[name] = (hits[name] ?? 0) + 1;
      const skip = await h.app.inject({
        method: 'POST',
        url: `/api/leases/${task.leaseId}/skip`,
        headers: annotator.headers,
        payload: { reason: 'other' },
      });
      expect(skip.statusCode, skip.body).toBe(204);
    }
    expect(seen).toBe(pairs);
    // Binomial(120, 1/2): mean 60, sd sqrt(120/4) ~ 5.5; within 4 sd (38..82) unless the payload carries the label
    // (the hash predictor scored 120 of 120 before blind ids). A false alarm per predictor: ~6e-5.
    const bound = 4 * Math.sqrt(pairs / 4);
    for (const [name, count] of Object.entries(hits)) {
      expect(Math.abs(count - pairs / 2), `${name}: ${count} of ${pairs}`).toBeLessThanOrEqual(bound);
    }
  }, 300_000);
});
