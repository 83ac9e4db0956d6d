import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leases } from '../../db/schema/index.ts';
import type { Person } from '../../test/annotating.ts';
import { buildTestApp, rankingLine, type TestHarness } from '../../test/test-app.ts';

/**
 * Workspace isolation: A is the default workspace (where the harness puts every account), B a second one made by
 * the admin. `researcherB` and `annotatorB` belong to B only; `researcherA` to A only.
 */
let h: TestHarness;
let admin: Person;
let researcherA: Person;
let researcherB: Person;
let annotatorB: Person;
let workspaceA: string;
let workspaceB: string;
let projectA: string;
let projectB: string;

const password = 'correct horse battery';

/** An account made straight into workspace B (so it is not in the default one), signed in. */
const userInB = (role: 'researcher' | 'annotator') => h.user(role, { workspaceId: workspaceB });

const get = (who: { headers: Record<string, string> }, url: string) =>
  h.app.inject({ method: 'GET', url, headers: who.headers });
const post = (who: { headers: Record<string, string> }, url: string, payload: unknown) =>
  h.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as Record<string, unknown> });

beforeAll(async () => {
  h = await buildTestApp();
  admin = await h.user('admin');
  researcherA = await h.user('researcher');
  const workspaces = (await get(admin, '/api/workspaces')).json().workspaces as { id: string; slug: string }[];
  workspaceA = workspaces.find((w) => w.slug === 'default')?.id ?? '';
  const made = await post(admin, '/api/workspaces', { name: 'Team B', slug: `team-b-${randomUUID().slice(0, 8)}` });
  expect(made.statusCode).toBe(201);
  workspaceB = made.json().id;
  researcherB = await userInB('researcher');
  annotatorB = await userInB('annotator');
  projectA = (await h.project(researcherA, { name: 'Secret A' })).id;
  await h.importItems(researcherA, projectA, [rankingLine('a1'), rankingLine('a2')]);
  projectB = (await h.project(researcherB, { name: 'Project B' })).id;
  await h.importItems(researcherB, projectB, [rankingLine('b1')]);
  // Four accounts, one scrypt hash and sign-in each.
}, 180_000);
afterAll(() => h.close());

describe('workspace isolation', () => {
  it('puts a project in its creator’s workspace', async () => {
    expect((await get(researcherA, `/api/projects/${projectA}`)).json().workspaceId).toBe(workspaceA);
    expect((await get(researcherB, `/api/projects/${projectB}`)).json().workspaceId).toBe(workspaceB);
  });

  it('never lists another workspace’s projects, workspaces or members', async () => {
    const listed = (await get(researcherB, '/api/projects')).json().projects.map((p: { id: string }) => p.id);
    expect(listed).toEqual([projectB]);
    expect((await get(researcherB, `/api/projects?workspaceId=${workspaceA}`)).json().projects).toEqual([]);
    const workspaces = (await get(researcherB, '/api/workspaces')).json().workspaces.map((w: { id: string }) => w.id);
    expect(workspaces).toEqual([workspaceB]);
    expect((await get(researcherB, `/api/workspaces/${workspaceA}/members`)).statusCode).toBe(404);
    const members = (await get(researcherB, `/api/workspaces/${workspaceB}/members`)).json().members;
    expect(members.map((m: { email: string }) => m.email).sort()).toEqual(
      [admin.email, researcherB.email, annotatorB.email].sort(),
    );
  });

  it('answers 404 to every route of another workspace’s project: get, import, export, annotate, members, stats', async () => {
    const p = `/api/projects/${projectA}`;
    const answers = await Promise.all([
      get(researcherB, p),
      get(researcherB, `${p}/members`),
      get(researcherB, `${p}/export?format=raw`),
      get(researcherB, `${p}/agreement`),
      get(researcherB, `${p}/annotations`),
      h.importItems(researcherB, projectA, [rankingLine('intruder')]),
      post(researcherB, `${p}/tasks/next`, {}),
      post(annotatorB, `${p}/tasks/next`, {}),
      post(researcherB, `${p}/members`, { email: annotatorB.email, role: 'annotator' }),
      h.app.inject({ method: 'PATCH', url: p, headers: researcherB.headers, payload: { name: 'Mine now' } }),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual(Array(answers.length).fill(404));
    // Nothing changed: the intruder's import and rename did not land.
    const project = (await get(researcherA, p)).json();
    expect(project).toMatchObject({ name: 'Secret A', progress: { items: 2 } });
  });

  it('refuses the live socket of another workspace’s project', async () => {
    await expect(h.app.injectWS(`/api/projects/${projectA}/live`, { headers: researcherB.headers })).rejects.toThrow(
      /404/,
    );
  });

  it('creates projects only in a workspace the researcher belongs to', async () => {
    const elsewhere = await post(researcherB, '/api/projects', { name: 'X', kind: 'ranking', workspaceId: workspaceA });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().error.code).toBe('workspace.not_found');
  });

  it('adds to a project only accounts of its workspace, answering as for an unknown email', async () => {
    const outsider = await post(researcherA, `/api/projects/${projectA}/members`, {
      email: annotatorB.email,
      role: 'annotator',
    });
    const unknown = await post(researcherA, `/api/projects/${projectA}/members`, {
      email: `nobody-${randomUUID()}@test.local`,
      role: 'annotator',
    });
    expect(outsider.statusCode).toBe(422);
    expect(outsider.json().error.code).toBe('project.unknown_user');
    expect(outsider.json().error.message.replace(annotatorB.email, 'E')).toBe(
      unknown.json().error.message.replace(/nobody-[^ ]+/, 'E'),
    );
  });

  it('ends every project of a workspace for a member removed from it, and frees the tasks they held', async () => {
    const annotator = await h.user('annotator');
    await h.addMember(researcherA, projectA, annotator);
    const held = await post(annotator, `/api/projects/${projectA}/tasks/next`, {});
    expect(held.statusCode).toBe(200);
    expect(held.json().task).not.toBeNull();
    const activeLeases = async () =>
      (
        await h.database.db
          .select({ id: leases.id })
          .from(leases)
          .where(and(eq(leases.userId, annotator.id), eq(leases.state, 'active')))
      ).length;
    expect(await activeLeases()).toBe(1);
    const removed = await h.app.inject({
      method: 'DELETE',
      url: `/api/workspaces/${workspaceA}/members/${annotator.id}`,
      headers: admin.headers,
    });
    expect(removed.statusCode).toBe(200);
    expect((await post(annotator, `/api/projects/${projectA}/tasks/next`, {})).statusCode).toBe(404);
    expect((await get(annotator, '/api/projects')).json().projects).toEqual([]);
    // The item goes back to the pool now, not when the lease would have expired.
    expect(await activeLeases()).toBe(0);
  });
});

describe('workspace management', () => {
  it('lets only instance admins create workspaces, and refuses a taken slug naming the field', async () => {
    expect((await post(researcherA, '/api/workspaces', { name: 'Mine', slug: 'mine' })).statusCode).toBe(403);
    const slug = `dup-${randomUUID().slice(0, 8)}`;
    expect((await post(admin, '/api/workspaces', { name: 'One', slug })).statusCode).toBe(201);
    const again = await post(admin, '/api/workspaces', { name: 'Two', slug });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual({ path: 'slug' });
  });

  it('lets owners and admins of a workspace manage members, not plain members, and audits role changes', async () => {
    const member = await post(researcherB, `/api/workspaces/${workspaceB}/members`, {
      email: researcherA.email,
      role: 'member',
    });
    expect(member.statusCode).toBe(403);
    expect(
      (await post(admin, `/api/workspaces/${workspaceB}/members`, { email: researcherB.email, role: 'admin' }))
        .statusCode,
    ).toBe(200);
    // researcherB's session now manages B: someone outside B is invited (joining is their choice), then promoted.
    const direct = await post(researcherB, `/api/workspaces/${workspaceB}/members`, { email: researcherA.email });
    expect(direct.statusCode).toBe(422);
    expect(direct.json().error.code).toBe('workspace.invite_required');
    const invited = await post(researcherB, `/api/workspaces/${workspaceB}/invitations`, { email: researcherA.email });
    expect(invited.statusCode).toBe(201);
    const accepted = await post(researcherA, `/api/invitations/${invited.json().invitation.id}/accept`, {});
    expect(accepted.statusCode).toBe(200);
    const promoted = await post(researcherB, `/api/workspaces/${workspaceB}/members`, {
      email: researcherA.email,
      role: 'admin',
    });
    expect(promoted.json().members).toContainEqual({ userId: researcherA.id, email: researcherA.email, role: 'admin' });
    // A workspace admin cannot make owners.
    expect(
      (await post(researcherB, `/api/workspaces/${workspaceB}/members`, { email: researcherA.email, role: 'owner' }))
        .statusCode,
    ).toBe(403);

    const events = (await get(admin, '/api/audit?action=workspace.member_add')).json().events;
    const forA = events.filter((e: { target: string }) => e.target === researcherA.email);
    // The role change, with the role before (joining was the invitation's acceptance, audited as such).
    expect(forA.map((e: { details: unknown }) => e.details)).toEqual([
      { workspaceId: workspaceB, role: 'admin', previousRole: 'member' },
    ]);
    const joins = (await get(admin, '/api/audit?action=workspace.invitation_accept')).json().events;
    expect(joins.filter((e: { actorEmail: string }) => e.actorEmail === researcherA.email)).toHaveLength(1);
  });

  it('creates accounts into a named workspace, refusing an unknown one by field without creating anything', async () => {
    const email = `ghost-${randomUUID().slice(0, 8)}@test.local`;
    const refused = await post(admin, '/api/users', {
      email,
      password,
      role: 'annotator',
      workspaceId: randomUUID(),
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details).toEqual({ path: 'workspaceId' });
    const users = (await get(admin, '/api/users')).json().users.map((u: { email: string }) => u.email);
    expect(users).not.toContain(email);
  });
});

describe('API tokens scoped to a workspace', () => {
  async function token(who: Person, body: Record<string, unknown> = {}) {
    const created = await post(who, '/api/tokens', { name: 'script', password, access: 'write', ...body });
    if (created.statusCode !== 201) throw new Error(`token: ${created.body}`);
    return created.json() as { token: string; apiToken: { id: string; workspaceId: string } };
  }
  const bearer = (t: string) => ({ headers: { authorization: `Bearer ${t}` } });

  it('reaches only its own workspace, even for an owner who belongs to both', async () => {
    const both = await h.user('researcher');
    await post(admin, `/api/workspaces/${workspaceB}/members`, { email: both.email, role: 'member' });
    const pA = (await h.project(both, { name: 'both-A' })).id;
    const pB = (await h.project(both, { name: 'both-B', workspaceId: workspaceB })).id;
    const scopedB = await token(both, { workspaceId: workspaceB });
    expect(scopedB.apiToken.workspaceId).toBe(workspaceB);
    const viaB = bearer(scopedB.token);
    expect((await get(viaB, '/api/projects')).json().projects.map((p: { id: string }) => p.id)).toEqual([pB]);
    expect((await get(viaB, `/api/projects/${pA}`)).statusCode).toBe(404);
    expect((await get(viaB, `/api/projects/${pB}`)).statusCode).toBe(200);
    expect((await get(viaB, '/api/workspaces')).json().workspaces.map((w: { id: string }) => w.id)).toEqual([
      workspaceB,
    ]);
    // Creating with the token lands in its workspace; naming another is refused.
    const made = await post(viaB, '/api/projects', { name: 'by token', kind: 'ranking' });
    expect(made.json().workspaceId).toBe(workspaceB);
    expect(
      (await post(viaB, '/api/projects', { name: 'x', kind: 'ranking', workspaceId: workspaceA })).statusCode,
    ).toBe(404);
    // Omitted workspace: the default one.
    const defaultToken = await token(both);
    expect(defaultToken.apiToken.workspaceId).toBe(workspaceA);
    expect((await get(bearer(defaultToken.token), `/api/projects/${pB}`)).statusCode).toBe(404);
  });

  it('binds an instance admin’s token to one workspace too', async () => {
    const scoped = await token(admin, { workspaceId: workspaceB });
    expect((await get(bearer(scoped.token), `/api/projects/${projectA}`)).statusCode).toBe(404);
    expect((await get(bearer(scoped.token), `/api/projects/${projectB}`)).statusCode).toBe(200);
  });

  it('cannot be made for a workspace the owner is not in, nor list projects outside it', async () => {
    const refused = await post(researcherA, '/api/tokens', { name: 's', password, workspaceId: randomUUID() });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details).toEqual({ path: 'workspaceId' });
    const mixed = await post(researcherB, '/api/tokens', { name: 's', password, projectIds: [projectA] });
    expect(mixed.statusCode).toBe(422);
  });

  it('lets an admin list every account’s tokens and revoke another’s, audited with the owner', async () => {
    const mine = await token(researcherB, { workspaceId: workspaceB });
    expect((await get(researcherB, '/api/admin/tokens')).statusCode).toBe(403);
    const all = (await get(admin, '/api/admin/tokens')).json().tokens;
    const listed = all.find((t: { id: string }) => t.id === mine.apiToken.id);
    expect(listed).toMatchObject({ ownerId: researcherB.id, ownerEmail: researcherB.email, workspaceId: workspaceB });
    expect(JSON.stringify(all)).not.toContain(mine.token);

    // Another non-admin cannot revoke it (404: its existence is private).
    const denied = await h.app.inject({
      method: 'DELETE',
      url: `/api/tokens/${mine.apiToken.id}`,
      headers: researcherA.headers,
    });
    expect(denied.statusCode).toBe(404);
    expect((await get(bearer(mine.token), '/api/projects')).statusCode).toBe(200);

    const revoked = await h.app.inject({
      method: 'DELETE',
      url: `/api/tokens/${mine.apiToken.id}`,
      headers: admin.headers,
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    expect((await get(bearer(mine.token), '/api/projects')).statusCode).toBe(401);
    const events = (await get(admin, '/api/audit?action=token.revoke')).json().events;
    expect(events.find((e: { target: string }) => e.target === mine.apiToken.id)).toMatchObject({
      actorEmail: admin.email,
      details: { name: 'script', ownerEmail: researcherB.email },
    });
  });
});
