import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTask, type Person, submitTask } from '../test/annotating.ts';
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
});
