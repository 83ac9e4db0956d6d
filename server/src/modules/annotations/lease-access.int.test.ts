import type { Task } from '@feedbench/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drafts, leases, skips } from '../../db/schema/index.ts';
import { nextTask, type Person, rankingAnswers } from '../../test/annotating.ts';
import { buildTestApp, rankingLine, type TestHarness } from '../../test/test-app.ts';

/**
 * Holding a lease is not a pass: every lease route (skip, draft, heartbeat, submit) checks the caller's current
 * membership and the token's scope before writing anything, as every project route does.
 */
let h: TestHarness;
let researcher: Person;
let admin: Person;
let workspaceId: string;
beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
  admin = await h.user('admin');
  workspaceId = (await h.app.inject({ url: '/api/workspaces', headers: researcher.headers })).json().workspaces[0].id;
});
afterAll(() => h.close());

async function annotatorWithLease() {
  const project = await h.project(researcher, { kind: 'ranking' });
  await h.importItems(researcher, project.id, [rankingLine('a'), rankingLine('b')]);
  const annotator = await h.user('annotator');
  await h.addMember(researcher, project.id, annotator);
  const task = (await nextTask(h, annotator, project.id)) as Task;
  return { project, annotator, task };
}

/** Every write a lease route can make, for the caller's lease: skips, drafts, lease state and expiry. */
async function writesOf(task: Task) {
  const db = h.database.db;
  const [lease] = await db.select().from(leases).where(eq(leases.id, task.leaseId));
  return {
    skips: (await db.select().from(skips).where(eq(skips.itemId, task.item.id))).length,
    drafts: (await db.select().from(drafts).where(eq(drafts.itemId, task.item.id))).length,
    lease: { state: lease?.state, expiresAt: lease?.expiresAt.toISOString() },
  };
}

function leaseCalls(task: Task) {
  return [
    { method: 'POST', url: `/api/leases/${task.leaseId}/skip`, payload: { reason: 'other', comment: 'x' } },
    { method: 'PUT', url: `/api/leases/${task.leaseId}/draft`, payload: { answers: rankingAnswers(task) } },
    { method: 'POST', url: `/api/leases/${task.leaseId}/heartbeat` },
    {
      method: 'POST',
      url: `/api/leases/${task.leaseId}/submit`,
      payload: { idempotencyKey: crypto.randomUUID(), answers: rankingAnswers(task) },
    },
  ] as const;
}

describe('lease route access', () => {
  it('refuses every lease route to an annotator removed from the workspace, writing nothing', async () => {
    const { annotator, task } = await annotatorWithLease();
    const removal = await h.app.inject({
      method: 'DELETE',
      url: `/api/workspaces/${workspaceId}/members/${annotator.id}`,
      headers: admin.headers,
    });
    expect(removal.statusCode, removal.body).toBe(200);
    const before = await writesOf(task);
    for (const call of leaseCalls(task)) {
      const response = await h.app.inject({ ...call, headers: annotator.headers });
      expect(response.statusCode, `${call.url}: ${response.body}`).toBe(404);
    }
    expect(await writesOf(task)).toEqual(before);
    // Joined again, the same lease works: the refusal was about membership, not the lease.
    await h.services.workspaces.join(workspaceId, annotator.id, 'member');
    const skip = await h.app.inject({ ...leaseCalls(task)[0], headers: annotator.headers });
    expect(skip.statusCode, skip.body).toBe(204);
  });

  it('refuses every lease route to a token scoped to another project, writing nothing', async () => {
    const { annotator, task } = await annotatorWithLease();
    const elsewhere = await h.project(researcher, { kind: 'ranking' });
    await h.addMember(researcher, elsewhere.id, annotator);
    const created = await h.services.tokens.create(
      { ...annotator, createdAt: new Date(annotator.createdAt) },
      { name: 'elsewhere', access: 'write', projectIds: [elsewhere.id], password: annotator.password },
    );
    const before = await writesOf(task);
    for (const call of leaseCalls(task)) {
      const response = await h.app.inject({ ...call, headers: { authorization: `Bearer ${created.token}` } });
      expect(response.statusCode, `${call.url}: ${response.body}`).toBe(404);
    }
    expect(await writesOf(task)).toEqual(before);
  });

  it('lets a token scoped to the lease project skip it', async () => {
    const { project, annotator, task } = await annotatorWithLease();
    const created = await h.services.tokens.create(
      { ...annotator, createdAt: new Date(annotator.createdAt) },
      { name: 'here', access: 'write', projectIds: [project.id], password: annotator.password },
    );
    const skip = await h.app.inject({ ...leaseCalls(task)[0], headers: { authorization: `Bearer ${created.token}` } });
    expect(skip.statusCode, skip.body).toBe(204);
    expect((await writesOf(task)).skips).toBe(1);
  });
});
