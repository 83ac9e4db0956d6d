import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../test/annotating.ts';
import { buildTestApp, type FakeClock, type TestHarness } from '../../test/test-app.ts';

/**
 * `owner` owns workspace W (made by the admin, who handed it over) and is no instance admin; `elsewhere` has an
 * account in another workspace only. An owner must never learn whether an email has an account, nor pull one in.
 */
let h: TestHarness;
let admin: Person;
let owner: Person;
let elsewhere: Person;
let workspaceId: string;

const get = (who: { headers: Record<string, string> }, url: string) =>
  h.app.inject({ method: 'GET', url, headers: who.headers });
const post = (who: { headers: Record<string, string> }, url: string, payload: unknown = {}) =>
  h.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as Record<string, unknown> });
const invite = (email: string, role = 'member', by: Person = owner) =>
  post(by, `/api/workspaces/${workspaceId}/invitations`, { email, role });
const workspaceIdsOf = async (who: Person) =>
  ((await get(who, '/api/workspaces')).json().workspaces as { id: string }[]).map((w) => w.id);

beforeAll(async () => {
  h = await buildTestApp();
  admin = await h.user('admin');
  const other = await post(admin, '/api/workspaces', { name: 'Other team', slug: `other-${randomUUID().slice(0, 8)}` });
  elsewhere = await h.user('researcher', { workspaceId: other.json().id });
  const made = await post(admin, '/api/workspaces', { name: 'Team W', slug: `team-w-${randomUUID().slice(0, 8)}` });
  workspaceId = made.json().id;
  owner = await h.user('researcher', { workspaceId });
  expect(
    (await post(admin, `/api/workspaces/${workspaceId}/members`, { email: owner.email, role: 'owner' })).statusCode,
  ).toBe(200);
}, 900_000);
afterAll(() => h.close());

/** An answer with what differs by construction (ids, the email itself, times) blanked. */
const shape = (body: { invitation: Record<string, unknown> }) => ({
  ...body,
  invitation: { ...body.invitation, id: 'x', email: 'x', createdAt: 'x', expiresAt: 'x' },
});

describe('workspace invitations', () => {
  it('answers the same whether or not the invited email has an account, and adds nobody', async () => {
    const existing = await invite(elsewhere.email);
    const unknown = await invite(`nobody-${randomUUID().slice(0, 8)}@test.local`);
    expect(existing.statusCode).toBe(201);
    expect(unknown.statusCode).toBe(201);
    expect(shape(existing.json())).toEqual(shape(unknown.json()));
    expect(await workspaceIdsOf(elsewhere)).not.toContain(workspaceId);
  }, 300_000);

  it('no longer lets an owner add an account directly, with one answer for existing and unknown emails', async () => {
    const existing = await post(owner, `/api/workspaces/${workspaceId}/members`, { email: elsewhere.email });
    const unknown = await post(owner, `/api/workspaces/${workspaceId}/members`, { email: 'ghost@test.local' });
    expect(existing.statusCode).toBe(422);
    expect(existing.json()).toEqual(unknown.json());
    expect(existing.json().error.code).toBe('workspace.invite_required');
    expect(await workspaceIdsOf(elsewhere)).not.toContain(workspaceId);
  }, 300_000);

  it('lets the invited person see and accept it, joining with the invited role', async () => {
    const person = await h.user('annotator', {
      workspaceId: (await get(elsewhere, '/api/workspaces')).json().workspaces[0].id,
    });
    const made = (await invite(person.email, 'admin')).json().invitation;
    expect((await get(owner, `/api/workspaces/${workspaceId}/invitations`)).json().invitations).toContainEqual(made);
    const mine = (await get(person, '/api/invitations')).json().invitations;
    expect(mine).toEqual([
      {
        id: made.id,
        workspaceId,
        workspaceName: 'Team W',
        role: 'admin',
        invitedBy: owner.email,
        expiresAt: made.expiresAt,
      },
    ]);
    // Someone else cannot accept it.
    expect((await post(elsewhere, `/api/invitations/${made.id}/accept`)).statusCode).toBe(404);
    const accepted = await post(person, `/api/invitations/${made.id}/accept`);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().workspace).toMatchObject({ id: workspaceId, myRole: 'admin' });
    expect(await workspaceIdsOf(person)).toContain(workspaceId);
    // Used up: gone from both lists, and a second accept finds nothing.
    expect((await get(person, '/api/invitations')).json().invitations).toEqual([]);
    expect((await post(person, `/api/invitations/${made.id}/accept`)).statusCode).toBe(404);
    // Already a member: a new invitation is refused (the owner sees members anyway).
    expect((await invite(person.email)).statusCode).toBe(409);
  }, 300_000);

  it('lets the invited person decline, and the owner revoke', async () => {
    const declining = await h.user('annotator');
    const toDecline = (await invite(declining.email)).json().invitation;
    expect((await post(declining, `/api/invitations/${toDecline.id}/decline`)).statusCode).toBe(204);
    expect(await workspaceIdsOf(declining)).not.toContain(workspaceId);

    const revoked = await h.user('annotator');
    const toRevoke = (await invite(revoked.email)).json().invitation;
    const del = await h.app.inject({
      method: 'DELETE',
      url: `/api/workspaces/${workspaceId}/invitations/${toRevoke.id}`,
      headers: owner.headers,
    });
    expect(del.statusCode).toBe(204);
    expect((await get(revoked, '/api/invitations')).json().invitations).toEqual([]);
    expect((await post(revoked, `/api/invitations/${toRevoke.id}/accept`)).statusCode).toBe(404);
    expect(await workspaceIdsOf(revoked)).not.toContain(workspaceId);
  }, 300_000);

  it('keeps plain members from inviting and workspace admins from inviting owners', async () => {
    const member = await h.user('annotator', { workspaceId });
    expect((await invite('someone@test.local', 'member', member)).statusCode).toBe(403);
    const wsAdmin = await h.user('researcher', { workspaceId });
    await post(admin, `/api/workspaces/${workspaceId}/members`, { email: wsAdmin.email, role: 'admin' });
    expect((await invite('someone@test.local', 'owner', wsAdmin)).statusCode).toBe(403);
    expect((await invite('someone@test.local', 'member', wsAdmin)).statusCode).toBe(201);
  }, 300_000);
  it('expires after its lifetime', async () => {
    const late = await h.user('annotator');
    const made = (await invite(late.email)).json().invitation;
    (h.clock as FakeClock).advance(15 * 24 * 3600 * 1000);
    // `late`'s session has expired with the clock too: sign in again through the harness's service.
    const relogin = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: late.email, password: late.password },
    });
    const cookie = relogin.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = (await h.app.inject({ url: '/api/auth/csrf', headers: { cookie } })).json().csrfToken;
    const headers = { cookie, 'x-csrf-token': csrf };
    expect((await h.app.inject({ url: '/api/invitations', headers })).json().invitations).toEqual([]);
    expect(
      (await h.app.inject({ method: 'POST', url: `/api/invitations/${made.id}/accept`, headers })).statusCode,
    ).toBe(404);
  }, 300_000);
});
