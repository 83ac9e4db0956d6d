import { randomUUID } from 'node:crypto';
import type { GenerationJob, OutputProvenance } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../db/client.ts';
import { nextTask, submitTask } from '../../test/annotating.ts';
import { type OpenAICompatibleServer, startOpenAICompatibleServer } from '../../test/openai-compatible-server.ts';
import { buildAppOn, buildTestApp, engine, rankingLine, type TestHarness } from '../../test/test-app.ts';

/** Short timings: backoffs of tens of milliseconds (claims outlive any call here: a busy machine is no crash). */
const TIMINGS = { backoffBaseMs: 40, maxBackoffMs: 400, pollMs: 50, progressMs: 100, claimTtlMs: 120_000 };
/** The crash test's claims expire in a second and a half, so the new instance takes them over quickly. */
const CRASH_TIMINGS = { ...TIMINGS, claimTtlMs: 1500 };

let h: TestHarness;
let server: OpenAICompatibleServer;
type Person = Awaited<ReturnType<TestHarness['user']>>;
let researcher: Person;
let annotator: Person;

beforeAll(async () => {
  server = await startOpenAICompatibleServer();
  h = await buildTestApp({ generationTimings: TIMINGS });
  researcher = await h.user('researcher');
  annotator = await h.user('annotator');
}, 240_000);
afterAll(async () => {
  await h.close();
  await server.close();
});

async function connection(name = `gen-${randomUUID().slice(0, 6)}`) {
  const admin = { id: null, email: null, role: 'admin' } as never;
  const workspaces = (await h.app.inject({ url: '/api/workspaces', headers: researcher.headers })).json().workspaces;
  const created = await h.services.models.create(admin, {
    workspaceId: workspaces[0].id,
    name,
    baseUrl: server.url,
    model: 'test-model',
    defaultParams: { maxTokens: 64 },
  });
  return created.id;
}

/** A ranking project whose items arrive as prompts only (outputs from models). */
async function promptsProject(count: number) {
  const project = await h.project(researcher, { name: 'Generated', kind: 'ranking' });
  await outputsFromModels(h, researcher, project.id);
  const lines = Array.from({ length: count }, (_, i) => ({ id: `p${i}`, prompt: `Prompt number ${i}` }));
  const imported = await h.importItems(researcher, project.id, lines);
  expect(imported.statusCode, imported.body).toBe(200);
  await h.addMember(researcher, project.id, annotator);
  return project.id;
}

async function outputsFromModels(harness: TestHarness, person: Person, projectId: string) {
  const response = await harness.app.inject({
    method: 'PATCH',
    url: `/api/projects/${projectId}`,
    headers: person.headers,
    payload: { outputsFromModels: true },
  });
  expect(response.statusCode, response.body).toBe(200);
}

async function startJob(projectId: string, body: Record<string, unknown>) {
  const response = await h.app.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/generation-jobs`,
    headers: researcher.headers,
    payload: body,
  });
  expect(response.statusCode, response.body).toBe(202);
  return response.json() as GenerationJob;
}

async function jobDetail(projectId: string, jobId: string) {
  const response = await h.app.inject({
    url: `/api/projects/${projectId}/generation-jobs/${jobId}`,
    headers: researcher.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { job: GenerationJob; failures: { externalId: string; error: string; status: string }[] };
}

async function outputsByItem(projectId: string) {
  const rows = await rawRows<{
    external_id: string;
    output_id: string;
    content: string;
    provenance: OutputProvenance | null;
  }>(
    h.database.db,
    sql`select i.external_id, o.output_id, o.content, o.provenance from item_outputs o join items i on i.id = o.item_id
        where i.project_id = ${projectId} order by i.external_id, o.output_id`,
  );
  const byItem = new Map<string, typeof rows>();
  for (const row of rows) byItem.set(row.external_id, [...(byItem.get(row.external_id) ?? []), row]);
  return byItem;
}

describe('generation jobs', { timeout: 120_000 }, () => {
  it('samples N outputs per item and connection, with provenance, and only then serves the items, blind', async () => {
    const projectId = await promptsProject(5);
    // Prompts without outputs are not served to annotators.
    expect(await nextTask(h, annotator, projectId)).toBeNull();
    const [a, b] = [await connection(), await connection()];
    server.behave({ kind: 'reply' });
    const before = server.requests.length;
    const job = await startJob(projectId, {
      connectionIds: [a, b],
      samplesPerItem: 2,
      n: 2,
      concurrency: 3,
      params: { temperature: 0.7, seed: 11 },
    });
    expect(job).toMatchObject({ status: 'running', samplesTotal: 20 });
    await h.services.generation.settle(job.id);
    const { job: done, failures } = await jobDetail(projectId, job.id);
    expect(done).toMatchObject({ status: 'done', samplesDone: 20, samplesFailed: 0, itemsTotal: 5 });
    expect(failures).toEqual([]);
    // n = 2: two samples per call, seeded with the job's seed plus the first sample's index.
    const calls = server.requests.slice(before);
    expect(calls).toHaveLength(10);
    expect(calls.every((c) => c.body?.n === 2 && c.body?.seed === 11 && c.body?.temperature === 0.7)).toBe(true);
    const outputs = await outputsByItem(projectId);
    expect([...outputs.keys()].sort()).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    for (const [externalId, rows] of outputs) {
      expect(rows.map((r) => r.output_id).sort()).toEqual(
        [a, b].flatMap((id) => [1, 2].map((i) => `gen-${id.slice(0, 8)}-${i}`)).sort(),
      );
      expect(rows.every((r) => r.content.startsWith(`Answer to "Prompt number ${externalId.slice(1)}"`))).toBe(true);
      const provenance = rows[0]?.provenance;
      expect(provenance).toMatchObject({
        source: 'generation',
        jobId: job.id,
        model: 'test-model',
        params: { temperature: 0.7, maxTokens: 64, seed: 11 },
        seed: 11,
        choicesInCall: 2,
        finishReason: 'stop',
      });
      expect(provenance?.usage?.completionTokens).toBeGreaterThan(0);
      expect(provenance?.latencyMs).toBeGreaterThanOrEqual(0);
    }
    // Now the items are served, and nothing of the models reaches the annotator.
    const task = await nextTask(h, annotator, projectId);
    expect(task?.outputs).toHaveLength(4);
    const payload = JSON.stringify(task);
    for (const secret of ['test-model', 'gen-', a, b, 'provenance', 'seed', job.id])
      expect(payload).not.toContain(secret);
    expect((await submitTask(h, annotator, task as NonNullable<typeof task>)).statusCode).toBe(200);
  });

  it('samples nothing twice: a second job for the same samples has nothing to do', async () => {
    const projectId = await promptsProject(2);
    const a = await connection();
    const first = await startJob(projectId, { connectionIds: [a], samplesPerItem: 2 });
    await h.services.generation.settle(first.id);
    const second = await startJob(projectId, { connectionIds: [a], samplesPerItem: 3 });
    expect(second.samplesTotal).toBe(2);
    await h.services.generation.settle(second.id);
    const again = await startJob(projectId, { connectionIds: [a], samplesPerItem: 3 });
    expect(again).toMatchObject({ status: 'done', samplesTotal: 0 });
    for (const rows of (await outputsByItem(projectId)).values()) expect(rows).toHaveLength(3);
  });

  it('waits out a 429 Retry-After on the whole connection, then finishes', async () => {
    const projectId = await promptsProject(4);
    const a = await connection();
    const before = server.requests.length;
    const startIndex = server.completions;
    server.behave((_request, index) =>
      index - startIndex < 3 ? { kind: 'rate_limited', retryAfter: '1' } : { kind: 'reply' },
    );
    const job = await startJob(projectId, { connectionIds: [a], samplesPerItem: 1, concurrency: 3 });
    await h.services.generation.settle(job.id);
    server.behave({ kind: 'reply' });
    const { job: done } = await jobDetail(projectId, job.id);
    expect(done).toMatchObject({ status: 'done', samplesDone: 4, samplesFailed: 0 });
    const calls = server.requests.slice(before);
    const limited = calls.slice(0, 3);
    const firstRefusal = Math.min(...limited.map((c) => c.at));
    // After the first 429 no call reached the endpoint for the second it asked for, whichever sample it carried
    // (50 ms of timer slack). Measured from the first refusal: on a loaded machine a worker slow to claim may send its
    // own (refused) call later, after that pause, and the next call may then follow it at once, legitimately.
    for (const call of calls.slice(3)) expect(call.at - firstRefusal).toBeGreaterThanOrEqual(950);
    const attempts = await rawRows<{ attempts: number }>(
      h.database.db,
      sql`select attempts from generation_samples where job_id = ${job.id} order by attempts desc`,
    );
    // Refused samples were tried again, not failed.
    expect(attempts[0]?.attempts).toBeGreaterThanOrEqual(2);
  });

  it('retries server errors with backoff and reports a sample that keeps failing, item by item', async () => {
    const projectId = await promptsProject(3);
    const a = await connection();
    const startIndex = server.completions;
    server.behave((request, index) => {
      const prompt = request.body?.messages?.at(-1)?.content ?? '';
      if (prompt.endsWith(' 2')) return { kind: 'error', status: 400, message: 'prompt rejected by the model' };
      return index - startIndex < 2 ? { kind: 'error', status: 503, message: 'loading model' } : { kind: 'reply' };
    });
    const job = await startJob(projectId, { connectionIds: [a], samplesPerItem: 1, concurrency: 1, maxAttempts: 4 });
    await h.services.generation.settle(job.id);
    server.behave({ kind: 'reply' });
    const { job: done, failures } = await jobDetail(projectId, job.id);
    expect(done).toMatchObject({ status: 'done', samplesDone: 2, samplesFailed: 1 });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ externalId: 'p2', status: 'failed', attempts: 1 });
    expect(failures[0]?.error).toContain('refused 400');
    expect(failures[0]?.error).toContain('prompt rejected by the model');
  });

  it('cancels a running job: calls stop, unfinished samples are cancelled, nothing more is written', async () => {
    const projectId = await promptsProject(10);
    const a = await connection();
    server.behave({ kind: 'reply', delayMs: 150 });
    const job = await startJob(projectId, { connectionIds: [a], samplesPerItem: 2, concurrency: 2 });
    while ((await jobDetail(projectId, job.id)).job.samplesDone < 2) await new Promise((r) => setTimeout(r, 50));
    const cancelled = await h.app.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/generation-jobs/${job.id}/cancel`,
      headers: researcher.headers,
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    await h.services.generation.settle(job.id);
    const outputsAtEnd = [...(await outputsByItem(projectId)).values()].flat().length;
    // Calls aborted at the cancel may still reach the server a moment later; after that, nothing more is asked.
    await new Promise((r) => setTimeout(r, 500));
    const requestsAtEnd = server.requests.length;
    await new Promise((r) => setTimeout(r, 500));
    server.behave({ kind: 'reply' });
    expect(server.requests.length).toBe(requestsAtEnd);
    expect([...(await outputsByItem(projectId)).values()].flat().length).toBe(outputsAtEnd);
    const { job: final } = await jobDetail(projectId, job.id);
    expect(final.status).toBe('cancelled');
    expect(final.samplesDone).toBe(outputsAtEnd);
    expect(final.samplesDone).toBeLessThan(20);
    const again = await h.app.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/generation-jobs/${job.id}/cancel`,
      headers: researcher.headers,
    });
    expect(again.statusCode).toBe(409);
  });

  it('gives no outputs to items already answered, and refuses more outputs than the template holds', async () => {
    const project = await h.project(researcher, { name: 'Imported outputs', kind: 'ranking' });
    await h.importItems(researcher, project.id, [rankingLine('x', 2), rankingLine('y', 2)]);
    await h.addMember(researcher, project.id, annotator);
    const task = await nextTask(h, annotator, project.id);
    expect((await submitTask(h, annotator, task as NonNullable<typeof task>)).statusCode).toBe(200);
    const a = await connection();
    const job = await startJob(project.id, { connectionIds: [a], samplesPerItem: 2 });
    expect(job.samplesTotal).toBe(2);
    await h.services.generation.settle(job.id);
    const outputs = await outputsByItem(project.id);
    const answered = task?.item.externalId as string;
    expect(outputs.get(answered)).toHaveLength(2);
    expect(outputs.get(answered === 'x' ? 'y' : 'x')).toHaveLength(4);
    const tooMany = await h.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/generation-jobs`,
      headers: researcher.headers,
      payload: { connectionIds: [a], samplesPerItem: 10 },
    });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().error.code).toBe('generation_job.too_many_outputs');
  });

  it('refuses annotators, and connections of another workspace', async () => {
    const projectId = await promptsProject(1);
    const a = await connection();
    const byAnnotator = await h.app.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/generation-jobs`,
      headers: annotator.headers,
      payload: { connectionIds: [a], samplesPerItem: 1 },
    });
    expect(byAnnotator.statusCode).toBe(403);
    const admin = await h.user('admin');
    const other = await h.app.inject({
      method: 'POST',
      url: '/api/workspaces',
      headers: admin.headers,
      payload: { name: 'Other', slug: `other-${randomUUID().slice(0, 8)}` },
    });
    const foreign = await h.services.models.create(
      { ...admin, createdAt: new Date(admin.createdAt) },
      {
        workspaceId: other.json().id,
        name: 'foreign',
        baseUrl: server.url,
        model: 'm',
      },
    );
    const refused = await h.app.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/generation-jobs`,
      headers: researcher.headers,
      payload: { connectionIds: [foreign.id], samplesPerItem: 1 },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details).toEqual({ path: 'connectionIds' });
    const jobs = await h.app.inject({ url: `/api/projects/${projectId}/generation-jobs`, headers: researcher.headers });
    expect(jobs.json().jobs).toEqual([]);
  });
});

describe('generation after a crash', () => {
  it('resumes on a new instance over the same database and ends with exactly N samples per item', {
    timeout: 300_000,
  }, async () => {
    const crashServer = await startOpenAICompatibleServer();
    const first = await buildTestApp({ ownDatabase: engine === 'postgres', generationTimings: CRASH_TIMINGS });
    try {
      const owner = await first.user('researcher');
      const admin = await first.user('admin');
      const project = await first.project(owner, { kind: 'ranking' });
      await outputsFromModels(first, owner, project.id);
      const lines = Array.from({ length: 12 }, (_, i) => ({ id: `c${i}`, prompt: `Crash prompt ${i}` }));
      expect((await first.importItems(owner, project.id, lines)).statusCode).toBe(200);
      const workspaceId = (await first.app.inject({ url: '/api/workspaces', headers: owner.headers })).json()
        .workspaces[0].id;
      const conn = await first.services.models.create(
        { ...admin, createdAt: new Date(admin.createdAt) },
        { workspaceId, name: 'crash', baseUrl: crashServer.url, model: 'test-model' },
      );
      // The first 8 calls answer at once; the next ones take 2.5 s: they are in flight when the process "dies".
      crashServer.behave((_r, index) => (index < 8 ? { kind: 'reply' } : { kind: 'reply', delayMs: 2500 }));
      const created = await first.app.inject({
        method: 'POST',
        url: `/api/projects/${project.id}/generation-jobs`,
        headers: owner.headers,
        payload: { connectionIds: [conn.id], samplesPerItem: 3, concurrency: 4 },
      });
      expect(created.statusCode, created.body).toBe(202);
      const jobId = created.json().id as string;
      while (crashServer.completions < 12) await new Promise((r) => setTimeout(r, 20));
      // Crash: no more claims, claims left as they are; on PostgreSQL the calls in flight even come back later and try
      // to store their outputs after the new instance took their samples over.
      const halted = first.services.generation.halt(jobId);
      if (engine === 'pglite') {
        await first.closeKeepingData().catch(() => {});
      }
      crashServer.behave({ kind: 'reply' });
      const database = first.openSameDatabase();
      const second = await buildAppOn(database, { generationTimings: CRASH_TIMINGS });
      try {
        expect(await second.services.generation.resumeAll()).toBe(1);
        await second.services.generation.settle(jobId);
        await halted;
        const samples = await rawRows<{ status: string; n: number }>(
          database.db,
          sql`select status, count(*)::int as n from generation_samples where job_id = ${jobId} group by status`,
        );
        expect(samples).toEqual([{ status: 'done', n: 36 }]);
        const perItem = await rawRows<{ external_id: string; n: number; distinct_ids: number }>(
          database.db,
          sql`select i.external_id, count(o.output_id)::int as n, count(distinct o.output_id)::int as distinct_ids
              from items i left join item_outputs o on o.item_id = i.id
              where i.project_id = ${project.id} group by i.external_id`,
        );
        expect(perItem).toHaveLength(12);
        for (const row of perItem) expect(row).toMatchObject({ n: 3, distinct_ids: 3 });
        const job = await second.services.generation.get(project.id, jobId);
        expect(job.job).toMatchObject({ status: 'done', samplesDone: 36 });
      } finally {
        await second.close();
        await database.close();
      }
    } finally {
      if (engine === 'postgres') await first.close();
      else await first.dispose();
      await crashServer.close();
    }
  });
});
