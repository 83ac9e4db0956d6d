import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ExportJob } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJobs } from '../../db/schema/index.ts';
import type { Person } from '../../test/annotating.ts';
import { buildTestApp, FakeClock, type TestHarness } from '../../test/test-app.ts';
import { annotateAll, requestExport } from './exports.fixtures.ts';

let h: TestHarness;
let researcher: Person;
let projectId: string;
const clock = new FakeClock();
const exportsDir = mkdtempSync(path.join(tmpdir(), 'feedbench-export-jobs-'));
const ITEMS = 12;

beforeAll(async () => {
  h = await buildTestApp({ clock, config: { exportsDir } });
  researcher = await h.user('researcher');
  const annotator = await h.user('annotator');
  const project = await h.project(researcher, { name: 'Jobs', kind: 'demonstration' });
  projectId = project.id;
  await h.importItems(
    researcher,
    projectId,
    Array.from({ length: ITEMS }, (_, i) => ({ id: `p${i}`, prompt: `Prompt ${i}` })),
  );
  await h.addMember(researcher, projectId, annotator);
  await annotateAll(h, annotator, projectId, (task) => ({
    reply: { type: 'demonstration', text: `reply ${task.item.externalId}` },
  }));
}, 180_000);
afterAll(async () => {
  await h?.close();
  rmSync(exportsDir, { recursive: true, force: true });
});

async function startJob(payload: Record<string, unknown>) {
  const response = await h.app.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/export-jobs`,
    headers: researcher.headers,
    payload,
  });
  return response;
}

async function finished(job: ExportJob): Promise<ExportJob> {
  await h.services.exports.jobs.settle(job.id);
  const response = await h.app.inject({
    method: 'GET',
    url: `/api/projects/${projectId}/export-jobs/${job.id}`,
    headers: researcher.headers,
  });
  expect(response.statusCode).toBe(200);
  return response.json();
}

describe('background export jobs', () => {
  it('writes the same file as the direct download, counts its progress, and lists it', async () => {
    const started = await startJob({ format: 'openai-chat', fileFormat: 'jsonl.gz' });
    expect(started.statusCode, started.body).toBe(202);
    const job = started.json() as ExportJob;
    expect(job).toMatchObject({ status: 'running', itemsTotal: ITEMS, fileName: 'Jobs.openai-chat.jsonl.gz' });

    const done = await finished(job);
    expect(done).toMatchObject({ status: 'done', itemsDone: ITEMS, rowsDone: ITEMS, rowsEstimate: ITEMS, error: null });
    const file = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${projectId}/export-jobs/${job.id}/file`,
      headers: researcher.headers,
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/gzip');
    expect(file.headers['content-disposition']).toBe('attachment; filename="Jobs.openai-chat.jsonl.gz"');
    expect(Number(file.headers['content-length'])).toBe(done.bytes);
    const direct = await requestExport(h, researcher, projectId, { format: 'openai-chat' });
    expect(gunzipSync(file.rawPayload).toString('utf8')).toBe(direct.body);
    const admin = await h.user('admin');
    const audit = await h.app.inject({
      method: 'GET',
      url: '/api/audit?action=export.download&limit=500',
      headers: admin.headers,
    });
    expect(audit.json().events.map((e: { target: string | null }) => e.target)).toContain(job.id);

    const list = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${projectId}/export-jobs`,
      headers: researcher.headers,
    });
    expect(list.json().jobs.map((j: ExportJob) => j.id)).toContain(job.id);
  });

  it('writes Parquet in the background too', async () => {
    const job = (await startJob({ format: 'trl-sft', fileFormat: 'parquet' })).json() as ExportJob;
    const done = await finished(job);
    expect(done.status).toBe('done');
    const file = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${projectId}/export-jobs/${job.id}/file`,
      headers: researcher.headers,
    });
    // The Parquet magic number opens and closes the file.
    expect(file.rawPayload.subarray(0, 4).toString()).toBe('PAR1');
    expect(file.rawPayload.subarray(-4).toString()).toBe('PAR1');
  });

  it('refuses options that cannot work before starting anything (422 naming the format)', async () => {
    const response = await startJob({ format: 'trl-preference' });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('export.format_needs_kind');
    const bad = await startJob({ format: 'raw', fileFormat: 'xlsx' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('fileFormat');
  });

  it('reports a job whose process stopped as failed, and never serves its file', async () => {
    const now = clock.now();
    const [orphan] = await h.database.db
      .insert(exportJobs)
      .values({
        projectId,
        options: { format: 'raw' } as never,
        fileFormat: 'jsonl',
        fileName: 'orphan.jsonl',
        status: 'running',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const id = orphan?.id as string;
    const early = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${projectId}/export-jobs/${id}/file`,
      headers: researcher.headers,
    });
    expect(early.statusCode).toBe(409);
    clock.advance(3 * 60_000);
    const list = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${projectId}/export-jobs`,
      headers: researcher.headers,
    });
    const listed = list.json().jobs.find((j: ExportJob) => j.id === id);
    expect(listed).toMatchObject({ status: 'failed' });
    expect(listed.error).toContain('interrupted');
  });

  it('reports finished jobs to the live progress message for a minute, then no more', async () => {
    const job = (await startJob({ format: 'raw' })).json() as ExportJob;
    await h.services.exports.jobs.settle(job.id);
    expect((await h.services.exports.jobs.recent(projectId)).find((j) => j.id === job.id)?.status).toBe('done');
    clock.advance(2 * 60_000);
    expect((await h.services.exports.jobs.recent(projectId)).map((j) => j.id)).not.toContain(job.id);
  });
});
