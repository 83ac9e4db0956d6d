import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RANKING_EXPORT_FORMATS } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestHarness } from '../test/test-app.ts';
import { DEMO_ACCOUNTS, seedDemo } from './seed-demo.ts';
import { DEMO_ANNOTATORS } from './seed-demo-work.ts';

let h: TestHarness;
let dir: string;
let admin: Awaited<ReturnType<TestHarness['user']>>;
let ranking: { id: string; settings: { overlapTarget: number }; progress: { annotations: number } };
let demonstration: { id: string; progress: { annotations: number } };
beforeAll(async () => {
  // Its own database: the demo seeds once per database, and other files seed it on the shared one.
  h = await buildTestApp({ ownDatabase: true });
  dir = await mkdtemp(path.join(tmpdir(), 'feedbench-demo-work-'));
  await seedDemo(h.services, { accountsFile: path.join(dir, 'demo-accounts.json'), production: false });
  admin = await h.user('admin');
  const projects = (await h.app.inject({ url: '/api/projects', headers: admin.headers })).json().projects;
  ranking = projects.find((p: { kind: string }) => p.kind === 'ranking');
  demonstration = projects.find((p: { kind: string }) => p.kind === 'demonstration');
}, 300_000);
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

const get = (url: string) => h.app.inject({ method: 'GET', url, headers: admin.headers });

describe('demo seed', () => {
  it('seeds several annotators and the ranking demo at overlap 3 with answers, leaving work for the demo annotator', async () => {
    expect(ranking.settings.overlapTarget).toBe(3);
    const members = (await get(`/api/projects/${ranking.id}/members`))
      .json()
      .members.map((m: { email: string }) => m.email);
    for (const email of DEMO_ANNOTATORS) expect(members).toContain(email);
    // 24 submitted answers through the real submit path; the rejected one is replaced by whoever claims next.
    expect(ranking.progress.annotations).toBe(24);
    expect(demonstration.progress.annotations).toBe(6);
    const annotator = DEMO_ACCOUNTS.find((a) => a.role === 'annotator');
    const user = annotator && (await h.services.auth.findUserByEmail(annotator.email));
    if (!user) throw new Error('demo annotator missing');
    const task = await h.services.annotations.nextTask(user, ranking.id);
    expect(task).not.toBeNull();
  });

  it('gives agreement, position bias, review, adjudication and gold something to show', async () => {
    const agreement = (await get(`/api/projects/${ranking.id}/agreement`)).json();
    expect(JSON.stringify(agreement)).not.toBe('{}');
    const reviews = (await get(`/api/projects/${ranking.id}/reviews`)).json().reviews;
    expect(reviews.map((r: { verdict: string }) => r.verdict).sort()).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'rejected',
    ]);
    const gold = (await get(`/api/projects/${ranking.id}/gold`)).json();
    expect(gold.items).toHaveLength(1);
    const accuracy = (await get(`/api/projects/${ranking.id}/gold/accuracy`)).json();
    expect(JSON.stringify(accuracy)).toMatch(/"accuracy":\d/);
    const queue = (await get(`/api/projects/${ranking.id}/adjudication`)).json();
    expect(JSON.stringify(queue)).toMatch(/adjudicated|itemId/);
  });

  it('has lines in every export format', async () => {
    for (const format of RANKING_EXPORT_FORMATS) {
      const response = await get(`/api/projects/${ranking.id}/export/summary?format=${format}`);
      expect(response.statusCode, `${format}: ${response.body}`).toBe(200);
      expect(response.json().lines, format).toBeGreaterThan(0);
      expect(response.json().excluded.goldItems, format).toBe(1);
    }
    const sft = await get(`/api/projects/${demonstration.id}/export/summary?format=openai-chat`);
    expect(sft.json().lines).toBe(6);
  });
});
