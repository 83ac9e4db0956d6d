import type { CalibrationReport, JudgeJob, Task } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../db/client.ts';
import { nextTask, type Person, submitTask } from '../../test/annotating.ts';
import { databaseChecksum } from '../../test/database-checksum.ts';
import { type OpenAICompatibleServer, startOpenAICompatibleServer } from '../../test/openai-compatible-server.ts';
import { buildTestApp, FakeClock, type TestHarness } from '../../test/test-app.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import {
  eventually,
  PAIRWISE_SETTINGS,
  pairwiseJudge,
  pairwiseLine,
  promptItem,
  settledJob,
} from './judges.fixtures.ts';
import { suggestionArm } from './suggestion-arm.ts';

/**
 * Judges end to end against the OpenAI-compatible test server: structured output, answers checked like a human's and
 * kept apart from annotations, retries, 429, slow endpoints, cancel, resume, calibration and suggestions. Pairwise
 * projects of two outputs (o0, o1) per item; a test server behaviour plays the judge.
 */
let h: TestHarness;
let model: OpenAICompatibleServer;
const clock = new FakeClock();
let admin: Person;
let researcher: Person;
let connectionId: string;
/** The admin as services see a signed-in caller (model connections have no routes yet in this branch's tests). */
let adminUser: SessionUser;

beforeAll(async () => {
  h = await buildTestApp({
    clock,
    ownDatabase: true,
    judgeTiming: { backoffMs: 20, progressEveryMs: 0, heartbeatMs: 1000 },
  });
  model = await startOpenAICompatibleServer();
  admin = await h.user('admin');
  researcher = await h.user('researcher');
  adminUser = (await h.services.auth.findUserByEmail(admin.email)) as SessionUser;
  const [workspace] = await h.services.workspaces.list(adminUser);
  const connection = await h.services.models.create(adminUser, {
    workspaceId: workspace?.id,
    name: `test-${Date.now()}`,
    baseUrl: model.url,
    model: 'judge-model',
  });
  connectionId = connection.id;
}, 240_000);
afterAll(async () => {
  await h.close();
  await model.close();
});

const as = (who: { headers: Record<string, string> }) => ({
  get: (url: string) => h.app.inject({ method: 'GET', url, headers: who.headers }),
  post: (url: string, payload?: object) => h.app.inject({ method: 'POST', url, headers: who.headers, payload }),
  put: (url: string, payload?: object) => h.app.inject({ method: 'PUT', url, headers: who.headers, payload }),
});

/** A pairwise project with `n` items (i0..), its judge, and the item ids by external id. */
async function arrange(n: number, metadata: (i: number) => Record<string, string> = () => ({})) {
  const project = await h.project(researcher, { kind: 'ranking', settings: PAIRWISE_SETTINGS });
  const lines = Array.from({ length: n }, (_, i) => pairwiseLine(`i${i}`, metadata(i)));
  expect((await h.importItems(researcher, project.id, lines)).statusCode).toBe(200);
  const created = await as(researcher).post(`/api/projects/${project.id}/judges`, {
    name: 'Judge',
    connectionId,
    params: { temperature: 0 },
  });
  expect(created.statusCode, created.body).toBe(201);
  return { projectId: project.id, judgeId: created.json().id as string };
}

async function run(projectId: string, body: Record<string, unknown>): Promise<JudgeJob> {
  const response = await as(researcher).post(`/api/projects/${projectId}/judge-jobs`, body);
  expect(response.statusCode, response.body).toBe(202);
  return response.json();
}

const requestsFor = (projectItems: Set<string>, since: number) =>
  model.requests.slice(since).filter((r) => projectItems.has(promptItem(r.body)));

describe('judging a project', () => {
  it('answers the template through a JSON schema, stores answers in real ids apart from annotations', async () => {
    const { projectId, judgeId } = await arrange(3);
    const since = model.requests.length;
    model.behave(pairwiseJudge(() => 0));
    const job = await settledJob(h, researcher, projectId, await run(projectId, { judgeIds: [judgeId] }));
    expect(job).toMatchObject({ status: 'done', total: 3, done: 3, failed: 0 });

    const requests = requestsFor(new Set(['i0', 'i1', 'i2']), since);
    expect(requests).toHaveLength(3);
    const format = requests[0]?.body?.response_format as { type: string; json_schema: { schema: unknown } };
    expect(format.type).toBe('json_schema');
    expect(format.json_schema.schema).toMatchObject({ required: ['pair'], properties: { pair: { type: 'object' } } });
    // Outputs are labelled A, B in the prompt (never their ids or model names) ...
    expect(JSON.stringify(requests.map((r) => r.body?.messages))).not.toMatch(/\bo0\b|\bm0\b/);

    // ... and the answer comes back in the item's real ids, with the order shown recorded.
    const answers = (await as(researcher).get(`/api/projects/${projectId}/judges/${judgeId}/answers`)).json().answers;
    expect(answers).toHaveLength(3);
    for (const answer of answers) {
      expect(answer.answers.pair).toEqual({
        type: 'pairwise',
        verdict: 'preferred',
        preferred: 'o0',
        strength: 'better',
      });
      expect([...answer.displayOrder].sort()).toEqual(['o0', 'o1']);
    }
    // Never a human annotation: none listed, none counted toward progress or overlap.
    expect((await as(researcher).get(`/api/projects/${projectId}/annotations`)).json().annotations).toEqual([]);
    expect((await as(researcher).get(`/api/projects/${projectId}`)).json().progress).toMatchObject({
      annotations: 0,
      completedItems: 0,
    });
    const judges = (await as(researcher).get(`/api/projects/${projectId}/judges`)).json().judges;
    expect(judges[0]).toMatchObject({ id: judgeId, answered: 3 });
  });

  it('shows the outputs in a random order per call, so position bias can be measured', async () => {
    const { projectId, judgeId } = await arrange(24);
    model.behave(pairwiseJudge(() => 0));
    await settledJob(h, researcher, projectId, await run(projectId, { judgeIds: [judgeId] }));
    const answers = (await as(researcher).get(`/api/projects/${projectId}/judges/${judgeId}/answers`)).json().answers;
    const firstShown = answers.filter((a: { displayOrder: string[] }) => a.displayOrder[0] === 'o0').length;
    // 24 fair coins: all on one side has probability 2^-23.
    expect(firstShown).toBeGreaterThan(0);
    expect(firstShown).toBeLessThan(24);
  });

  it('retries a reply that is not JSON, then reports the item with its reason', async () => {
    const { projectId, judgeId } = await arrange(2);
    const since = model.requests.length;
    model.behave({ kind: 'reply', text: 'I prefer output A.' });
    const job = await settledJob(
      h,
      researcher,
      projectId,
      await run(projectId, { judgeIds: [judgeId], maxAttempts: 3 }),
    );
    expect(job).toMatchObject({ status: 'done', total: 2, done: 0, failed: 2 });
    expect(requestsFor(new Set(['i0', 'i1']), since)).toHaveLength(6);
    const failures = (await as(researcher).get(`/api/projects/${projectId}/judge-jobs/${job.id}/failures`)).json();
    expect(failures.failures).toHaveLength(2);
    expect(failures.failures[0]).toMatchObject({ itemExternalId: 'i0', judgeId, attempts: 3 });
    expect(failures.failures[0].error).toMatch(/not JSON/);
  });

  it('checks an answer like a human submission: an invalid one is retried and the valid retry kept', async () => {
    const { projectId, judgeId } = await arrange(1);
    // First a strength missing (the question asks for it), then a valid answer.
    model.behaveOnce({ kind: 'reply', json: { pair: { type: 'pairwise', verdict: 'preferred', preferred: 'A' } } });
    model.behave(pairwiseJudge(() => 1));
    const job = await settledJob(h, researcher, projectId, await run(projectId, { judgeIds: [judgeId] }));
    expect(job).toMatchObject({ done: 1, failed: 0 });
    const [answer] = (await as(researcher).get(`/api/projects/${projectId}/judges/${judgeId}/answers`)).json().answers;
    expect(answer.answers.pair.preferred).toBe('o1');
  });

  it("reports an answer that stays invalid with the answer checks' own message", async () => {
    const { projectId, judgeId } = await arrange(1);
    model.behave({ kind: 'reply', json: { pair: { type: 'pairwise', verdict: 'preferred', preferred: 'C' } } });
    const job = await settledJob(
      h,
      researcher,
      projectId,
      await run(projectId, { judgeIds: [judgeId], maxAttempts: 2 }),
    );
    const [failure] = (await as(researcher).get(`/api/projects/${projectId}/judge-jobs/${job.id}/failures`)).json()
      .failures;
    expect(failure.error).toContain('pair.preferred: unknown output "C"');
  });

  it('waits out a 429 for its Retry-After without spending an attempt', async () => {
    const { projectId, judgeId } = await arrange(1);
    const since = model.requests.length;
    model.behaveOnce({ kind: 'rate_limited', retryAfterMs: 300 });
    model.behave(pairwiseJudge(() => 0));
    const job = await settledJob(
      h,
      researcher,
      projectId,
      await run(projectId, { judgeIds: [judgeId], maxAttempts: 1 }),
    );
    expect(job).toMatchObject({ done: 1, failed: 0 });
    const [limited, answered] = model.requests.slice(since);
    expect((answered?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(290);
  });

  it('keeps at most `concurrency` calls in flight against a slow endpoint', async () => {
    const { projectId, judgeId } = await arrange(6);
    let inFlight = 0;
    let most = 0;
    model.behave((request) => {
      inFlight++;
      most = Math.max(most, inFlight);
      setTimeout(() => inFlight--, 150);
      return { ...pairwiseJudge(() => 0)(request), delayMs: 150 } as never;
    });
    const job = await settledJob(
      h,
      researcher,
      projectId,
      await run(projectId, { judgeIds: [judgeId], concurrency: 2 }),
    );
    expect(job).toMatchObject({ done: 6 });
    expect(most).toBe(2);
  });

  it('cancels a running job: calls stop, pending items stay unanswered, the job says cancelled', async () => {
    const { projectId, judgeId } = await arrange(6);
    model.behave((request) => ({ ...pairwiseJudge(() => 0)(request), delayMs: 100 }) as never);
    const job = await run(projectId, { judgeIds: [judgeId], concurrency: 1 });
    await eventually(
      async () => (await as(researcher).get(`/api/projects/${projectId}/judge-jobs/${job.id}`)).json().done >= 1,
    );
    const cancelled = await as(researcher).post(`/api/projects/${projectId}/judge-jobs/${job.id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    // The call cut at cancel may reach the test server's log a moment later (it records a request once its body is
    // read); after that, nothing more is asked.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const since = model.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(model.requests.length).toBe(since);
    const after = (await as(researcher).get(`/api/projects/${projectId}/judge-jobs/${job.id}`)).json();
    expect(after.status).toBe('cancelled');
    expect(after.done).toBeLessThan(6);
    const answers = (await as(researcher).get(`/api/projects/${projectId}/judges/${judgeId}/answers`)).json().answers;
    expect(answers).toHaveLength(after.done);
    // A second cancel is refused: the job is no longer running.
    expect((await as(researcher).post(`/api/projects/${projectId}/judge-jobs/${job.id}/cancel`)).statusCode).toBe(409);
  });

  it('resumes a job interrupted by a restart without asking again for answered items', async () => {
    const start = model.requests.length;
    const { projectId, judgeId } = await arrange(5);
    model.behave((request) => ({ ...pairwiseJudge(() => 0)(request), delayMs: 80 }) as never);
    const job = await run(projectId, { judgeIds: [judgeId], concurrency: 1 });
    await eventually(
      async () => (await as(researcher).get(`/api/projects/${projectId}/judge-jobs/${job.id}`)).json().done >= 2,
    );
    // The process "ends": its jobs stop where they are and stay running, with a heartbeat that goes stale.
    await h.services.judges.jobs.close();
    const before = (await as(researcher).get(`/api/projects/${projectId}/judges/${judgeId}/answers`)).json().answers;
    const answeredBefore = new Set<string>(before.map((a: { itemId: string }) => a.itemId));
    expect((await as(researcher).get(`/api/projects/${projectId}/judge-jobs/${job.id}`)).json().status).toBe('running');

    // Not stale yet: nothing is taken over.
    expect(await h.services.judges.jobs.resumeStale({ projectId })).toEqual([]);
    clock.advance(2 * 60_000);
    expect(await h.services.judges.jobs.resumeStale({ projectId })).toEqual([job.id]);
    const resumed = await settledJob(h, researcher, projectId, job);
    expect(resumed).toMatchObject({ status: 'done', total: 5, done: 5, failed: 0 });
    const after = (await as(researcher).get(`/api/projects/${projectId}/judges/${judgeId}/answers`)).json().answers;
    expect(after).toHaveLength(5);
    // An item answered before the stop was asked exactly once, ever; every other item was asked after it too.
    const items = (await as(researcher).get(`/api/projects/${projectId}/items?limit=10`)).json().items;
    const externalId = new Map<string, string>(
      items.map((i: { id: string; externalId: string }) => [i.id, i.externalId]),
    );
    const asked = model.requests.slice(start).map((r) => promptItem(r.body));
    for (const itemId of answeredBefore) {
      expect(asked.filter((item) => item === externalId.get(itemId))).toHaveLength(1);
    }
    expect(answeredBefore.size).toBeGreaterThanOrEqual(2);
    expect(answeredBefore.size).toBeLessThan(5);
  });

  it('skips items a judge already answered unless asked to redo them, and refuses an empty job', async () => {
    const { projectId, judgeId } = await arrange(2);
    model.behave(pairwiseJudge(() => 0));
    await settledJob(h, researcher, projectId, await run(projectId, { judgeIds: [judgeId] }));
    const again = await as(researcher).post(`/api/projects/${projectId}/judge-jobs`, { judgeIds: [judgeId] });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.code).toBe('judge_job.nothing_to_judge');
    const redo = await run(projectId, { judgeIds: [judgeId], redo: true });
    expect(redo.total).toBe(2);
    await h.services.judges.jobs.settle(redo.id);
  });

  it('judges only the selected items, and names unknown ones without writing anything', async () => {
    const { projectId, judgeId } = await arrange(3);
    const items = (await as(researcher).get(`/api/projects/${projectId}/items?limit=10`)).json().items;
    const first = items.find((i: { externalId: string }) => i.externalId === 'i0').id;
    model.behave(pairwiseJudge(() => 0));
    const job = await settledJob(
      h,
      researcher,
      projectId,
      await run(projectId, { judgeIds: [judgeId], itemIds: [first] }),
    );
    expect(job).toMatchObject({ total: 1, done: 1 });

    const checksum = await databaseChecksum(h.database.db);
    const before = await checksum();
    const unknown = await as(researcher).post(`/api/projects/${projectId}/judge-jobs`, {
      judgeIds: [judgeId],
      itemIds: [first, '00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toMatchObject({ code: 'judge_job.unknown_items', details: { field: 'itemIds' } });
    expect(await checksum()).toBe(before);
  });

  it("selects items by the import file's ids too, naming the ones the project lacks; never both lists", async () => {
    const { projectId, judgeId } = await arrange(3);
    model.behave(pairwiseJudge(() => 0));
    const job = await settledJob(
      h,
      researcher,
      projectId,
      await run(projectId, { judgeIds: [judgeId], externalIds: ['i2', 'i0'] }),
    );
    expect(job).toMatchObject({ total: 2, done: 2 });
    const judges = (await as(researcher).get(`/api/projects/${projectId}/judges`)).json().judges;
    expect(judges.find((j: { id: string }) => j.id === judgeId).answered).toBe(2);

    const checksum = await databaseChecksum(h.database.db);
    const before = await checksum();
    const unknown = await as(researcher).post(`/api/projects/${projectId}/judge-jobs`, {
      judgeIds: [judgeId],
      externalIds: ['i1', 'nope'],
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toMatchObject({
      code: 'judge_job.unknown_items',
      message: expect.stringContaining('nope'),
      details: { field: 'externalIds', count: 1 },
    });
    const both = await as(researcher).post(`/api/projects/${projectId}/judge-jobs`, {
      judgeIds: [judgeId],
      itemIds: ['00000000-0000-4000-8000-000000000000'],
      externalIds: ['i1'],
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.message).toMatch(/externalIds/);
    expect(await checksum()).toBe(before);
  });
});

describe('judge disagreement orders the items humans see', () => {
  it('serves first the item the judges disagree on once their job ends (judge-disagreement order)', async () => {
    const { projectId, judgeId } = await arrange(4);
    const second = await as(researcher).post(`/api/projects/${projectId}/judges`, {
      name: 'Second judge',
      connectionId,
      params: { temperature: 1 },
    });
    expect(second.statusCode, second.body).toBe(201);
    const patched = await h.app.inject({
      method: 'PATCH',
      url: `/api/projects/${projectId}`,
      headers: researcher.headers,
      payload: { ordering: 'judge-disagreement' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    // Both judges prefer o0 everywhere, except the second (the one sampling at temperature 1) on i2.
    model.behave((request) =>
      pairwiseJudge((item) => (request.body?.temperature === 1 && item === 'i2' ? 1 : 0))(request),
    );
    const job = await run(projectId, { judgeIds: [judgeId, second.json().id] });
    expect(await settledJob(h, researcher, projectId, job)).toMatchObject({ status: 'done', done: 8 });

    const annotator = await h.user('annotator');
    await h.addMember(researcher, projectId, annotator);
    const task = (await nextTask(h, annotator, projectId)) as Task;
    expect(task.item.externalId).toBe('i2');
  });
});

describe('who may use judges', () => {
  it('lets only the project researchers make and run judges; refused calls write nothing', async () => {
    const { projectId, judgeId } = await arrange(1);
    const annotator = await h.user('annotator');
    await h.addMember(researcher, projectId, annotator);
    const outsider = await h.user('researcher');
    const checksum = await databaseChecksum(h.database.db);
    const before = await checksum();
    const body = { name: 'Mine', connectionId };
    expect((await as(annotator).post(`/api/projects/${projectId}/judges`, body)).statusCode).toBe(403);
    expect((await as(outsider).post(`/api/projects/${projectId}/judges`, body)).statusCode).toBe(404);
    expect(
      (await as(annotator).post(`/api/projects/${projectId}/judge-jobs`, { judgeIds: [judgeId] })).statusCode,
    ).toBe(403);
    expect((await as(annotator).get(`/api/projects/${projectId}/judges/${judgeId}/answers`)).statusCode).toBe(403);
    expect((await as(annotator).get(`/api/projects/${projectId}/calibration`)).statusCode).toBe(403);
    expect((await as(annotator).put(`/api/projects/${projectId}/suggestions`, { mode: 'off' })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: `/api/projects/${projectId}/judges` })).statusCode).toBe(401);
    expect(await checksum()).toBe(before);
  });

  it('refuses a connection of another workspace (422 naming the field) and writes nothing', async () => {
    const { projectId } = await arrange(1);
    const elsewhere = await h.services.workspaces.create(adminUser, { name: 'Elsewhere', slug: `else-${Date.now()}` });
    const foreign = await h.services.models.create(adminUser, {
      workspaceId: elsewhere.id,
      name: 'foreign',
      baseUrl: model.url,
      model: 'm',
    });
    const checksum = await databaseChecksum(h.database.db);
    const before = await checksum();
    const response = await as(researcher).post(`/api/projects/${projectId}/judges`, {
      name: 'Foreign',
      connectionId: foreign.id,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({
      code: 'judge.connection_unusable',
      details: { field: 'connectionId' },
    });
    expect(await checksum()).toBe(before);
  });

  it("refuses a judging job whose judge's connection is gone (422 naming the judge), writing nothing", async () => {
    const { projectId } = await arrange(2);
    const [workspace] = await h.services.workspaces.list(adminUser);
    const doomed = await h.services.models.create(adminUser, {
      workspaceId: workspace?.id,
      name: `doomed-${Date.now()}`,
      baseUrl: model.url,
      model: 'm',
    });
    const judge = await as(researcher).post(`/api/projects/${projectId}/judges`, {
      name: 'Stranded',
      connectionId: doomed.id,
    });
    expect(judge.statusCode, judge.body).toBe(201);
    await h.services.models.remove(adminUser, doomed.id);
    const checksum = await databaseChecksum(h.database.db);
    const before = await checksum();
    const refused = await as(researcher).post(`/api/projects/${projectId}/judge-jobs`, { judgeIds: [judge.json().id] });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'judge_job.connection_unusable',
      details: { field: 'judgeIds', judges: ['Stranded'] },
    });
    expect(await checksum()).toBe(before);
  });

  it('refuses judges, judging and reward scores on a chat project, naming why', async () => {
    const chat = await h.project(researcher, {
      kind: 'chat',
      settings: {
        questions: [{ id: 'rank', type: 'ranking', label: 'Rank' }],
        chat: { candidates: [{ connectionId }, { connectionId }] },
      } as never,
    });
    for (const [path, body] of [
      ['judges', { name: 'Chat judge', connectionId }],
      ['judge-jobs', { judgeIds: [connectionId] }],
      ['score-jobs', { connectionId }],
    ] as const) {
      const refused = await as(researcher).post(`/api/projects/${chat.id}/${path}`, body);
      expect(refused.statusCode, `${path}: ${refused.body}`).toBe(422);
      expect(refused.json().error.code).toBe('judge.chat_project');
    }
  });

  it('refuses to delete the judge whose answers annotators are shown (409); once suggestions are off it goes', async () => {
    const { projectId, judgeId } = await arrange(1);
    expect(
      (await as(researcher).put(`/api/projects/${projectId}/suggestions`, { mode: 'experiment', judgeId })).statusCode,
    ).toBe(200);
    const del = (id: string) =>
      h.app.inject({ method: 'DELETE', url: `/api/projects/${projectId}/judges/${id}`, headers: researcher.headers });
    const refused = await del(judgeId);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error.code).toBe('judge.suggested');
    expect((await as(researcher).put(`/api/projects/${projectId}/suggestions`, { mode: 'off' })).statusCode).toBe(200);
    expect((await del(judgeId)).statusCode).toBe(204);
  });

  it('refuses the anchoring experiment on a template with nothing to compare (a written reply), naming the mode', async () => {
    const project = await h.project(researcher, { kind: 'demonstration' });
    const judge = await as(researcher).post(`/api/projects/${project.id}/judges`, { name: 'Writer', connectionId });
    expect(judge.statusCode, judge.body).toBe(201);
    const body = { mode: 'experiment', judgeId: judge.json().id };
    const refused = await as(researcher).put(`/api/projects/${project.id}/suggestions`, body);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'judge.experiment_unmeasurable', details: { field: 'mode' } });
    // Showing the judge's reply to everyone is still a choice the researcher may make.
    const on = await as(researcher).put(`/api/projects/${project.id}/suggestions`, { ...body, mode: 'on' });
    expect(on.statusCode, on.body).toBe(200);
  });

  it('refuses a second judge of the same name with 409', async () => {
    const { projectId } = await arrange(1);
    const response = await as(researcher).post(`/api/projects/${projectId}/judges`, { name: 'Judge', connectionId });
    expect(response.statusCode).toBe(409);
  });
});

/** Two annotators answer every item: `choices[externalId] = [first annotator's o-index, second's]`. */
async function annotate(projectId: string, people: Person[], choice: (externalId: string, n: number) => number) {
  const tasks: { person: number; task: Task }[] = [];
  for (const [n, person] of people.entries()) {
    for (let task = await nextTask(h, person, projectId); task; task = await nextTask(h, person, projectId)) {
      tasks.push({ person: n, task });
      const preferred = `o${choice(task.item.externalId, n)}`;
      const response = await submitTask(h, person, task, {
        pair: { type: 'pairwise', verdict: 'preferred', preferred, strength: 'better' },
      });
      expect(response.statusCode, response.body).toBe(200);
    }
  }
  return tasks;
}

describe('calibration', () => {
  it("gives judge-vs-human agreement with the humans' own estimates, per question and category (by hand)", async () => {
    // Hand computation (judge-calibration.test.ts): humans h1/h2 prefer i0: o0/o0, i1: o0/o1, i2: o1/o1; the judge
    // o0, o1, o0. Humans agree on 2 of 3 items; 3 of the 6 judge-human pairs agree; alpha over those pairs is 2/35.
    const { projectId, judgeId } = await arrange(3, (i) => ({ domain: i < 2 ? 'x' : 'y' }));
    const people = [await h.user('annotator'), await h.user('annotator')];
    for (const person of people) await h.addMember(researcher, projectId, person);
    const human: Record<string, [number, number]> = { i0: [0, 0], i1: [0, 1], i2: [1, 1] };
    await annotate(projectId, people, (item, n) => human[item]?.[n] ?? 0);
    const judge: Record<string, number> = { i0: 0, i1: 1, i2: 0 };
    model.behave(pairwiseJudge((item) => judge[item] ?? 0));
    await settledJob(h, researcher, projectId, await run(projectId, { judgeIds: [judgeId] }));

    const response = await as(researcher).get(`/api/projects/${projectId}/calibration?category=domain`);
    expect(response.statusCode, response.body).toBe(200);
    const report: CalibrationReport = response.json();
    const rows = report.judges[0]?.questions ?? [];
    const value = (category: string | null, side: 'humans' | 'judgeVsHumans', estimate: string) =>
      rows.find((r) => r.category === category)?.[side].find((e) => e.estimate === estimate)?.value;
    expect(value(null, 'humans', 'pairwise-agreement')).toBeCloseTo(2 / 3, 12);
    expect(value(null, 'judgeVsHumans', 'pairwise-agreement')).toBeCloseTo(1 / 2, 12);
    expect(value(null, 'judgeVsHumans', 'pairwise-alpha')).toBeCloseTo(2 / 35, 12);
    expect(value('x', 'judgeVsHumans', 'pairwise-agreement')).toBeCloseTo(3 / 4, 12);
    expect(value('y', 'judgeVsHumans', 'pairwise-agreement')).toBe(0);

    // The agreement dashboard lists the judge as one more annotator, marked, without changing the humans' figures.
    const agreement = (await as(researcher).get(`/api/projects/${projectId}/agreement`)).json();
    const judgeRow = agreement.annotators.find((a: { userId: string }) => a.userId === judgeId);
    expect(judgeRow).toMatchObject({ judgeName: 'Judge', annotations: 3, email: null });
    expect(agreement.annotators.filter((a: { judgeName?: string }) => a.judgeName === undefined)).toHaveLength(2);
    const estimates = agreement.questions[0].estimates;
    expect(estimates.find((e: { estimate: string }) => e.estimate === 'pairwise-agreement').value).toBeCloseTo(
      2 / 3,
      12,
    );
    // Exports of human annotations carry no judge answer.
    const exported = await as(researcher).get(`/api/projects/${projectId}/export?format=raw`);
    expect(exported.statusCode).toBe(200);
    expect(exported.body).not.toContain(judgeId);
  });
});

describe('suggestions and the anchoring experiment', () => {
  it('shows the judge answer to annotators in their blind ids when on', async () => {
    const { projectId, judgeId } = await arrange(2);
    model.behave(pairwiseJudge(() => 1));
    await settledJob(h, researcher, projectId, await run(projectId, { judgeIds: [judgeId] }));
    const saved = await as(researcher).put(`/api/projects/${projectId}/suggestions`, { mode: 'on', judgeId });
    expect(saved.statusCode, saved.body).toBe(200);
    const annotator = await h.user('annotator');
    await h.addMember(researcher, projectId, annotator);
    const task = (await nextTask(h, annotator, projectId)) as Task;
    expect(task.suggestion?.judgeName).toBe('Judge');
    const preferred = task.suggestion?.answers.pair;
    // o1's blind id: the output whose content is "Output 1 ..." in the task.
    const o1 = task.outputs.find((o) => o.content.startsWith('Output 1 '))?.id;
    expect(preferred).toMatchObject({ verdict: 'preferred', preferred: o1 });
    expect(JSON.stringify(task)).not.toMatch(/"o1"/);
  });

  it('suggests nothing, and records no arm, once the question the judge answered is gone from the template', async () => {
    const { projectId, judgeId } = await arrange(2);
    model.behave(pairwiseJudge(() => 1));
    await settledJob(h, researcher, projectId, await run(projectId, { judgeIds: [judgeId] }));
    // The researcher renames the question's id: the judge's answers are to a question the template no longer has.
    const changed = await h.app.inject({
      method: 'PATCH',
      url: `/api/projects/${projectId}`,
      headers: researcher.headers,
      payload: { questions: [{ id: 'pair2', type: 'pairwise', label: 'Which is better now?' }] },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const saved = await as(researcher).put(`/api/projects/${projectId}/suggestions`, { mode: 'experiment', judgeId });
    expect(saved.statusCode, saved.body).toBe(200);
    const annotator = await h.user('annotator');
    await h.addMember(researcher, projectId, annotator);
    const task = (await nextTask(h, annotator, projectId)) as Task;
    expect(task.questions.map((q) => q.id)).toEqual(['pair2']);
    expect(task.suggestion).toBeUndefined();
    const anchoring = (await as(researcher).get(`/api/projects/${projectId}/anchoring`)).json();
    expect(JSON.stringify(anchoring)).not.toMatch(/"annotations":[1-9]/);
    const [arms] = await rawRows<{ n: number }>(
      h.database.db,
      sql`select count(*)::int as n from suggestion_exposures where project_id = ${projectId}`,
    );
    expect(arms?.n).toBe(0);
  });

  it('shows it to a seeded half of the assignments in experiment mode, and reports the anchoring effect', async () => {
    const { projectId, judgeId } = await arrange(8);
    // The judge prefers o0 on i0..i3 and o1 on i4..i7; every annotator prefers o0 (so agrees on half the items).
    model.behave(pairwiseJudge((item) => (Number(item.slice(1)) < 4 ? 0 : 1)));
    await settledJob(h, researcher, projectId, await run(projectId, { judgeIds: [judgeId] }));
    const seed = 12345;
    expect(
      (await as(researcher).put(`/api/projects/${projectId}/suggestions`, { mode: 'experiment', judgeId, seed }))
        .statusCode,
    ).toBe(200);
    const people = [await h.user('annotator'), await h.user('annotator')];
    for (const person of people) await h.addMember(researcher, projectId, person);
    const tasks = await annotate(projectId, people, () => 0);
    expect(tasks).toHaveLength(16);

    // Each assignment's arm is the seeded hash of (item, annotator): shown exactly when the task carried it.
    const arms = tasks.map(({ person, task }) => suggestionArm(seed, task.item.id, people[person]?.id as string));
    expect(tasks.map(({ task }) => task.suggestion !== undefined)).toEqual(arms.map((arm) => arm === 'shown'));

    const expected = (arm: 'shown' | 'hidden') => {
      const agree = tasks
        .filter((_, i) => arms[i] === arm)
        .map(({ task }) => (Number(task.item.externalId.slice(1)) < 4 ? 1 : 0));
      return {
        count: agree.length,
        mean: agree.length > 0 ? agree.reduce((a: number, b) => a + b, 0) / agree.length : null,
      };
    };
    const response = await as(researcher).get(`/api/projects/${projectId}/anchoring`);
    expect(response.statusCode, response.body).toBe(200);
    const [question] = response.json().questions;
    const shown = expected('shown');
    const hidden = expected('hidden');
    expect(question.shown).toMatchObject({ annotations: shown.count, agreement: shown.mean });
    expect(question.hidden).toMatchObject({ annotations: hidden.count, agreement: hidden.mean });
    if (shown.mean !== null && hidden.mean !== null) {
      expect(question.difference).toBeCloseTo(shown.mean - hidden.mean, 12);
      expect(question.ci[0]).toBeLessThanOrEqual(question.difference);
      expect(question.ci[1]).toBeGreaterThanOrEqual(question.difference);
    }
  });

  it('refuses suggestions on without a judge (400 naming judgeId) and a judge of another project (404)', async () => {
    const { projectId } = await arrange(1);
    const other = await arrange(1);
    const missing = await as(researcher).put(`/api/projects/${projectId}/suggestions`, { mode: 'on' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('judgeId');
    const foreign = await as(researcher).put(`/api/projects/${projectId}/suggestions`, {
      mode: 'on',
      judgeId: other.judgeId,
    });
    expect(foreign.statusCode).toBe(404);
    expect((await as(researcher).get(`/api/projects/${projectId}/suggestions`)).json().mode).toBe('off');
  });
});
