import { randomUUID } from 'node:crypto';
import { exportLineSchemas, itemDetailResponse, MAX_JOB_ITEM_IDS, type ScoreJob } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../db/client.ts';
import { nextTask, type Person, submitTask } from '../../test/annotating.ts';
import { watchLive } from '../../test/live-socket.ts';
import {
  type Behaviour,
  deterministicScore,
  type OpenAICompatibleServer,
  type RecordedRequest,
  startOpenAICompatibleServer,
} from '../../test/openai-compatible-server.ts';
import { buildTestApp, FakeClock, type TestHarness } from '../../test/test-app.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import { eventually, PAIRWISE_SETTINGS, pairwiseJudge, pairwiseLine, settledJob } from './judges.fixtures.ts';
import { createRewardScoresRepository } from './reward-scores.repository.ts';

/**
 * Reward-model scoring end to end against the test server's `POST /pooling` (vLLM's pooling API): scores with
 * provenance, the score-margin order following them, 429 and 500, cancel, resume, refusals, audit, and the judge vs
 * reward-model disagreement. Pairwise projects of two outputs (o0, o1) per item.
 */
let h: TestHarness;
let model: OpenAICompatibleServer;
const clock = new FakeClock();
let researcher: Person;
let connectionId: string;

beforeAll(async () => {
  h = await buildTestApp({
    clock,
    ownDatabase: true,
    judgeTiming: { backoffMs: 20, progressEveryMs: 0, heartbeatMs: 1000 },
  });
  model = await startOpenAICompatibleServer();
  const admin = await h.user('admin');
  researcher = await h.user('researcher');
  const adminUser = (await h.services.auth.findUserByEmail(admin.email)) as SessionUser;
  const [workspace] = await h.services.workspaces.list(adminUser);
  const connection = await h.services.models.create(adminUser, {
    workspaceId: workspace?.id,
    name: 'Reward',
    baseUrl: model.url,
    model: 'reward-model',
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

async function arrange(n: number, ordering?: string) {
  const project = await h.project(researcher, { kind: 'ranking', settings: PAIRWISE_SETTINGS });
  const lines = Array.from({ length: n }, (_, i) => pairwiseLine(`i${i}`));
  expect((await h.importItems(researcher, project.id, lines)).statusCode).toBe(200);
  if (ordering) {
    const set = await h.app.inject({
      method: 'PATCH',
      url: `/api/projects/${project.id}`,
      headers: researcher.headers,
      payload: { ordering },
    });
    expect(set.statusCode, set.body).toBe(200);
  }
  return project.id;
}

async function start(projectId: string, body: Record<string, unknown> = {}): Promise<ScoreJob> {
  const response = await as(researcher).post(`/api/projects/${projectId}/score-jobs`, { connectionId, ...body });
  expect(response.statusCode, response.body).toBe(202);
  return response.json();
}

async function settled(projectId: string, job: ScoreJob): Promise<ScoreJob> {
  await h.services.rewardScores.settle(job.id);
  return (await as(researcher).get(`/api/projects/${projectId}/score-jobs/${job.id}`)).json();
}

const poolingFor = (projectItems: RegExp, since: number) =>
  model.requests.slice(since).filter((r) => r.path === '/pooling' && projectItems.test(JSON.stringify(r.body)));

function outputScores(projectId: string) {
  return rawRows<{ item: string; output: string; score: number | null }>(
    h.database.db,
    sql`select i.external_id as item, o.output_id as output, o.score from item_outputs o join items i on i.id = o.item_id
        where i.project_id = ${projectId} order by i.external_id, o.output_id`,
  );
}

const auditActions = async (projectId: string) =>
  (
    await rawRows<{ action: string }>(
      h.database.db,
      sql`select action from audit_events where project_id = ${projectId} order by at, id`,
    )
  ).map((r) => r.action);

/** Scores per output content: `Output <k> for <item>` gets scores[item][k]. */
function scoresBy(table: Record<string, [number, number]>) {
  return (request: RecordedRequest): Behaviour => {
    const last = request.body?.messages?.at(-1)?.content ?? '';
    const [, k, item] = /Output (\d) for (\S+)/.exec(last) ?? [];
    return { kind: 'reply', json: [table[item ?? '']?.[Number(k)] ?? 0] };
  };
}

describe('reward-model scoring', () => {
  it('scores every output through POST /pooling, writes each score with its provenance, and the score-margin order follows', async () => {
    const projectId = await arrange(3, 'score-margin');
    const since = model.requests.length;
    model.behave({ kind: 'reply' });
    const job = await settled(projectId, await start(projectId));
    expect(job).toMatchObject({ status: 'done', total: 3, done: 3, failed: 0, model: 'reward-model' });

    const calls = poolingFor(/for i\d/, since);
    expect(calls).toHaveLength(6);
    // vLLM's chat-style pooling input: the connection's model, the conversation, the output as the assistant turn.
    expect(calls[0]?.body).toEqual({
      model: 'reward-model',
      messages: [
        { role: 'user', content: expect.stringMatching(/^Prompt i\d$/) },
        { role: 'assistant', content: expect.stringMatching(/^Output \d for i\d$/) },
      ],
    });
    const expected = calls.map((c) => {
      const content = c.body?.messages?.at(-1)?.content ?? '';
      const [, k, item] = /Output (\d) for (\S+)/.exec(content) ?? [];
      return { item, output: `o${k}`, score: deterministicScore(c.body ?? {}) };
    });
    expected.sort((a, b) => `${a.item}/${a.output}`.localeCompare(`${b.item}/${b.output}`));
    expect(await outputScores(projectId)).toEqual(expected);

    // Provenance: connection, model and job beside each score.
    const provenance = await rawRows<{ connection_id: string; model: string; job_id: string }>(
      h.database.db,
      sql`select connection_id, model, job_id from reward_scores where project_id = ${projectId}`,
    );
    expect(provenance).toHaveLength(6);
    for (const row of provenance)
      expect(row).toEqual({ connection_id: connectionId, model: 'reward-model', job_id: job.id });
    expect(await auditActions(projectId)).toContain('score_job.create');

    // The closest margin is served first.
    const margin = (item: string) => {
      const [a, b] = expected.filter((e) => e.item === item).map((e) => e.score);
      return Math.abs((a ?? 0) - (b ?? 0));
    };
    const closest = ['i0', 'i1', 'i2'].sort((a, b) => margin(a) - margin(b))[0];
    const annotator = await h.user('annotator');
    await h.addMember(researcher, projectId, annotator);
    expect((await nextTask(h, annotator, projectId))?.item.externalId).toBe(closest);

    // Scored already: a second job has nothing to do unless asked to redo.
    const again = await as(researcher).post(`/api/projects/${projectId}/score-jobs`, { connectionId });
    expect(again.statusCode).toBe(422);
    expect(again.json().error).toMatchObject({ code: 'score_job.nothing_to_score' });
    const redo = await settled(projectId, await start(projectId, { redo: true }));
    expect(redo).toMatchObject({ status: 'done', done: 3 });
  });

  it('waits out a 429 without spending an attempt, retries a 500, and reports an item that keeps failing', async () => {
    const projectId = await arrange(2);
    model.behaveOnce({ kind: 'rate_limited', retryAfterMs: 50 }, { kind: 'error', status: 500 });
    model.behave((request) =>
      /for i1/.test(request.body?.messages?.at(-1)?.content ?? '')
        ? { kind: 'error', status: 500, message: 'reward server down' }
        : { kind: 'reply' },
    );
    const job = await settled(projectId, await start(projectId, { concurrency: 1, maxAttempts: 2 }));
    expect(job).toMatchObject({ status: 'done', total: 2, done: 1, failed: 1 });
    const failures = (await as(researcher).get(`/api/projects/${projectId}/score-jobs/${job.id}/failures`)).json();
    expect(failures.failures).toEqual([
      expect.objectContaining({ itemExternalId: 'i1', attempts: 2, error: expect.stringContaining('server_error') }),
    ]);
    // The failed item's outputs keep no score (an item's scores are written whole or not at all).
    expect((await outputScores(projectId)).filter((r) => r.item === 'i1').map((r) => r.score)).toEqual([null, null]);
    model.behave({ kind: 'reply' });
  });

  it('refuses a reply without one number as invalid, never as a score', async () => {
    const projectId = await arrange(1);
    model.behave(() => ({ kind: 'reply', json: { not: 'a score' } }));
    const job = await settled(projectId, await start(projectId, { maxAttempts: 1 }));
    expect(job).toMatchObject({ done: 0, failed: 1 });
    expect((await outputScores(projectId)).map((r) => r.score)).toEqual([null, null]);
    model.behave({ kind: 'reply' });
  });

  it('cancels a running job (audited) and resumes an interrupted one without scoring an item twice', async () => {
    const projectId = await arrange(4);
    model.behave({ kind: 'reply', delayMs: 60 });
    const job = await start(projectId, { concurrency: 1 });
    await eventually(
      async () => (await as(researcher).get(`/api/projects/${projectId}/score-jobs/${job.id}`)).json().done >= 1,
    );
    const cancelled = await as(researcher).post(`/api/projects/${projectId}/score-jobs/${job.id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    expect((await as(researcher).post(`/api/projects/${projectId}/score-jobs/${job.id}/cancel`)).statusCode).toBe(409);
    expect(await auditActions(projectId)).toEqual(expect.arrayContaining(['score_job.create', 'score_job.cancel']));

    // A new job scores only what is left; the process stops mid-way and another start resumes it.
    const since = model.requests.length;
    const second = await start(projectId, { concurrency: 1 });
    expect(second.total).toBe(4 - cancelled.json().done);
    await eventually(
      async () => (await as(researcher).get(`/api/projects/${projectId}/score-jobs/${second.id}`)).json().done >= 1,
    );
    await h.services.rewardScores.close();
    expect(await h.services.rewardScores.resumeStale({ projectId })).toEqual([]);
    clock.advance(2 * 60_000);
    expect(await h.services.rewardScores.resumeStale({ projectId })).toEqual([second.id]);
    expect(await settled(projectId, second)).toMatchObject({ status: 'done', done: second.total, failed: 0 });
    const asked = poolingFor(/for i\d/, since).map((r) => r.body?.messages?.at(-1)?.content);
    // Each output asked at most twice (a call in flight at the stop is asked again), never more.
    for (const content of new Set(asked)) expect(asked.filter((a) => a === content).length).toBeLessThanOrEqual(2);
    expect((await outputScores(projectId)).every((r) => r.score !== null)).toBe(true);
    model.behave({ kind: 'reply' });
  });

  it('refuses bad input naming the field and writes nothing', async () => {
    const projectId = await arrange(1);
    const noConnection = await as(researcher).post(`/api/projects/${projectId}/score-jobs`, {
      connectionId: '00000000-0000-4000-8000-000000000000',
    });
    expect(noConnection.statusCode).toBe(422);
    expect(noConnection.json().error.details).toMatchObject({ field: 'connectionId' });
    const badConcurrency = await as(researcher).post(`/api/projects/${projectId}/score-jobs`, {
      connectionId,
      concurrency: 0,
    });
    expect(badConcurrency.statusCode).toBe(400);
    expect(badConcurrency.body).toContain('concurrency');
    const annotator = await h.user('annotator');
    await h.addMember(researcher, projectId, annotator);
    expect((await as(annotator).post(`/api/projects/${projectId}/score-jobs`, { connectionId })).statusCode).toBe(403);
    expect((await as(researcher).get(`/api/projects/${projectId}/score-jobs`)).json().jobs).toEqual([]);
    expect(await auditActions(projectId)).not.toContain('score_job.create');
  });

  it('counts a judge that disagrees with the reward model in the judge-disagreement score', async () => {
    const projectId = await arrange(2);
    // The reward model prefers o0 on i0 and o1 on i1; the judge prefers o0 on both.
    model.behave(scoresBy({ i0: [1, 0], i1: [0, 1] }));
    await settled(projectId, await start(projectId));
    model.behave(pairwiseJudge(() => 0));
    const judge = await as(researcher).post(`/api/projects/${projectId}/judges`, { name: 'J', connectionId });
    expect(judge.statusCode, judge.body).toBe(201);
    const run = await as(researcher).post(`/api/projects/${projectId}/judge-jobs`, { judgeIds: [judge.json().id] });
    await settledJob(h, researcher, projectId, run.json());
    const scores = await h.services.judges.disagreementScores(projectId);
    const ids = new Map<string, string>(
      (await as(researcher).get(`/api/projects/${projectId}/items?limit=10`))
        .json()
        .items.map((i: { id: string; externalId: string }) => [i.externalId, i.id]),
    );
    expect(scores.get(ids.get('i0') ?? '')).toBe(0);
    expect(scores.get(ids.get('i1') ?? '')).toBeGreaterThan(0);
    model.behave({ kind: 'reply' });
  });
});

describe('PUT /output-scores', () => {
  it('is audited with what it changed; a refused request records nothing', async () => {
    const projectId = await arrange(1);
    const set = await as(researcher).put(`/api/projects/${projectId}/output-scores`, {
      scores: [
        { item: 'i0', output: 'o0', score: 0.5 },
        { item: 'i0', output: 'o1', score: null },
      ],
    });
    expect(set.statusCode).toBe(200);
    const refused = await as(researcher).put(`/api/projects/${projectId}/output-scores`, {
      scores: [{ item: 'i0', output: 'o9', score: 1 }],
    });
    expect(refused.statusCode).toBe(422);
    // The same output twice in one request: named as a duplicate, not as an unknown output.
    const twice = await as(researcher).put(`/api/projects/${projectId}/output-scores`, {
      scores: [
        { item: 'i0', output: 'o0', score: 0.5 },
        { item: 'i0', output: 'o0', score: 0.7 },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message).toMatch(/scores\.1.*already scored by entry 0/);
    const events = await rawRows<{ action: string; details: unknown }>(
      h.database.db,
      sql`select action, details from audit_events where project_id = ${projectId} and action = 'output_scores.set'`,
    );
    expect(events).toEqual([{ action: 'output_scores.set', details: { outputs: 2, items: 1, cleared: 1 } }]);
  });
});

describe('item lists', () => {
  it('takes a job naming up to 100,000 item ids (past the 1 MiB of other bodies), refusing unknown ones by count', async () => {
    const projectId = await arrange(1);
    const itemIds = Array.from({ length: MAX_JOB_ITEM_IDS }, () => randomUUID());
    for (const path of ['score-jobs', 'judge-jobs']) {
      const body = path === 'score-jobs' ? { connectionId, itemIds } : { judgeIds: [randomUUID()], itemIds };
      const response = await as(researcher).post(`/api/projects/${projectId}/${path}`, body);
      expect(response.statusCode, `${path}: ${response.body.slice(0, 300)}`).toBe(422);
      expect(response.json().error.code).toMatch(/unknown_(items|judges)/);
    }
    const tooMany = await as(researcher).post(`/api/projects/${projectId}/score-jobs`, {
      connectionId,
      itemIds: [...itemIds, randomUUID()],
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.message).toMatch(/itemIds/);
  });
});

describe('scoring jobs on the live socket', () => {
  it("reach the project's researchers with each job's progress, never its annotators", async () => {
    const projectId = await arrange(2);
    const annotator = await h.user('annotator');
    await h.addMember(researcher, projectId, annotator);
    const asResearcher = await watchLive(h, `/api/projects/${projectId}/live`, researcher.headers);
    const asAnnotator = await watchLive(h, `/api/projects/${projectId}/live`, annotator.headers);
    await asAnnotator.waitFor(() => true);
    model.behave({ kind: 'reply' });
    const job = await settled(projectId, await start(projectId));
    const seen = await asResearcher.waitFor((m) => m.scoreJobs?.some((j) => j.id === job.id && j.done === 2) ?? false);
    expect(seen.scoreJobs?.find((j) => j.id === job.id)).toMatchObject({
      status: 'done',
      total: 2,
      model: 'reward-model',
    });
    // The annotator's socket had the same events, without the jobs (connection names, errors).
    await asAnnotator.waitFor(() => asAnnotator.inbox.length >= 2);
    expect(JSON.stringify(asAnnotator.inbox)).not.toMatch(/scoreJobs|reward-model|Reward/);
    asResearcher.socket.terminate();
    asAnnotator.socket.terminate();
  });
});

describe('reward scores in the raw export', () => {
  it('carries each output score with the scoring job that set it, in the raw export and the item browser; a score set by hand afterwards has none', async () => {
    const projectId = await arrange(1);
    model.behave({ kind: 'reply' });
    const job = await settled(projectId, await start(projectId));
    expect(job.status).toBe('done');
    const [scoredO0, scoredO1] = (await outputScores(projectId)).map((r) => r.score);
    // o1's score is then set by hand: the scoring job no longer describes it.
    const set = await as(researcher).put(`/api/projects/${projectId}/output-scores`, {
      scores: [{ item: 'i0', output: 'o1', score: 0.25 }],
    });
    expect(set.statusCode, set.body).toBe(200);
    const annotator = await h.user('annotator');
    await h.addMember(researcher, projectId, annotator);
    const task = await nextTask(h, annotator, projectId);
    if (!task) throw new Error('no task');
    const submitted = await submitTask(h, annotator, task, {
      pair: { type: 'pairwise', verdict: 'preferred', preferred: 'o0', strength: 'better' },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);

    const exported = await as(researcher).get(`/api/projects/${projectId}/export?format=raw`);
    expect(exported.statusCode, exported.body).toBe(200);
    const lines = exported.body
      .trim()
      .split('\n')
      .map((line) => exportLineSchemas.raw.parse(JSON.parse(line)));
    expect(lines).toHaveLength(1);
    const outputs = new Map(lines[0]?.outputs.map((o) => [o.id, o]));
    expect(outputs.get('o0')).toMatchObject({
      score: scoredO0,
      score_provenance: {
        source: 'reward-model',
        jobId: job.id,
        connectionId,
        connectionName: 'Reward',
        model: 'reward-model',
        scoredAt: expect.any(String),
      },
    });
    expect(scoredO1).not.toBe(0.25);
    expect(outputs.get('o1')).toMatchObject({ score: 0.25, score_provenance: null });

    // The item browser shows the same.
    const listed = (await as(researcher).get(`/api/projects/${projectId}/items?limit=10`)).json();
    const detail = itemDetailResponse.parse(
      (await as(researcher).get(`/api/projects/${projectId}/items/${listed.items[0].id}`)).json(),
    );
    const shown = new Map(detail.item.outputs.map((o) => [o.id, o]));
    expect(shown.get('o0')).toMatchObject({
      score: scoredO0,
      scoreProvenance: { jobId: job.id, model: 'reward-model', connectionName: 'Reward' },
      provenance: null,
    });
    expect(shown.get('o1')).toMatchObject({ score: 0.25, scoreProvenance: null });
  });
});

describe('a task finished twice', () => {
  it('counts once: a job taken over while its first instance still ran never moves a finished task again', async () => {
    const projectId = await arrange(1);
    model.behave({ kind: 'reply' });
    const job = await settled(projectId, await start(projectId));
    expect(job).toMatchObject({ status: 'done', done: 1, failed: 0 });
    const [task] = await rawRows<{ item_id: string }>(
      h.database.db,
      sql`select item_id from reward_score_tasks where job_id = ${job.id}`,
    );
    const repository = createRewardScoresRepository(h.database.db);
    const key = { jobId: job.id, itemId: task?.item_id as string };
    // The late instance finishes the same item, then fails it on its last attempt.
    await repository.scored(key, []);
    await repository.attemptFailed(key, 'late instance', true);
    const after = (await as(researcher).get(`/api/projects/${projectId}/score-jobs/${job.id}`)).json();
    expect(after).toMatchObject({ done: 1, failed: 0 });
    const [state] = await rawRows<{ state: string; error: string | null }>(
      h.database.db,
      sql`select state, error from reward_score_tasks where job_id = ${job.id}`,
    );
    expect(state).toEqual({ state: 'done', error: null });
  });
});
