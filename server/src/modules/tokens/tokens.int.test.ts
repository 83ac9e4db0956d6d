import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../db/client.ts';
import { buildTestApp, type FakeClock, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
beforeAll(async () => {
  h = await buildTestApp();
});
afterAll(() => h.close());

type Person = Awaited<ReturnType<TestHarness['user']>>;

async function createToken(person: Person, payload: Record<string, unknown>) {
  const response = await h.app.inject({
    method: 'POST',
    url: '/api/tokens',
    headers: person.headers,
    payload: { password: person.password, ...payload },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { token: string; apiToken: { id: string; prefix: string; projectIds: string[] } };
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('API tokens', () => {
  it('shows the secret once and stores only its SHA-256', async () => {
    const researcher = await h.user('researcher');
    const { token, apiToken } = await createToken(researcher, { name: 'export script' });
    expect(token).toMatch(/^fbt_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(apiToken.prefix)).toBe(true);
    const list = await h.app.inject({ method: 'GET', url: '/api/tokens', headers: researcher.headers });
    expect(list.body).not.toContain(token);
    expect(list.json().tokens).toHaveLength(1);
    const rows = await rawRows<Record<string, unknown>>(
      h.database.db,
      sql`select * from api_tokens where id = ${apiToken.id}`,
    );
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('asks for the password again before minting a token', async () => {
    const researcher = await h.user('researcher');
    for (const password of [undefined, 'not my password']) {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: researcher.headers,
        payload: { name: 'no reauth', ...(password ? { password } : {}) },
      });
      expect(response.statusCode).toBe(password ? 403 : 400);
    }
    const list = await h.app.inject({ method: 'GET', url: '/api/tokens', headers: researcher.headers });
    expect(list.json().tokens).toEqual([]);
  });

  it('authenticates scripts with Authorization: Bearer, with no cookie and no CSRF token', async () => {
    const researcher = await h.user('researcher');
    const { token } = await createToken(researcher, { name: 'ci', access: 'write' });
    const me = await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    expect(me.json().user.email).toBe(researcher.email);
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: bearer(token),
      payload: { name: 'From a script', kind: 'ranking' },
    });
    expect(created.statusCode).toBe(201);
  });

  it('keeps a read token to reads', async () => {
    const researcher = await h.user('researcher');
    const project = await h.project(researcher);
    const { token } = await createToken(researcher, { name: 'reader' });
    expect(
      (await h.app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: bearer(token) })).statusCode,
    ).toBe(200);
    const write = await h.app.inject({
      method: 'PATCH',
      url: `/api/projects/${project.id}`,
      headers: bearer(token),
      payload: { name: 'renamed' },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('auth.read_only_token');
  });

  it('limits a project-scoped token to its projects, and refuses projects its owner cannot reach', async () => {
    const researcher = await h.user('researcher');
    const mine = await h.project(researcher, { name: 'In scope' });
    const other = await h.project(researcher, { name: 'Out of scope' });
    const { token } = await createToken(researcher, { name: 'scoped', access: 'write', projectIds: [mine.id] });
    const list = await h.app.inject({ method: 'GET', url: '/api/projects', headers: bearer(token) });
    expect(list.json().projects.map((p: { id: string }) => p.id)).toEqual([mine.id]);
    const hidden = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${other.id}/export?format=raw`,
      headers: bearer(token),
    });
    expect(hidden.statusCode).toBe(404);
    const create = await h.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: bearer(token),
      payload: { name: 'x', kind: 'ranking' },
    });
    expect(create.statusCode).toBe(403);

    const stranger = await h.user('researcher');
    const refused = await h.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: stranger.headers,
      payload: { name: 'grab', projectIds: [mine.id], password: 'correct horse battery' },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('token.project_out_of_reach');
  });

  it('stops working once revoked or expired, even beside a valid session cookie', async () => {
    const researcher = await h.user('researcher');
    const revokedOne = await createToken(researcher, { name: 'to revoke' });
    const expiring = await createToken(researcher, { name: 'short', expiresInDays: 1 });
    const revoke = await h.app.inject({
      method: 'DELETE',
      url: `/api/tokens/${revokedOne.apiToken.id}`,
      headers: researcher.headers,
    });
    expect(revoke.json().revokedAt).not.toBeNull();
    const afterRevoke = await h.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { ...researcher.headers, ...bearer(revokedOne.token) },
    });
    expect(afterRevoke.statusCode).toBe(401);
    expect(afterRevoke.json().error.code).toBe('auth.bad_token');
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(expiring.token) })).statusCode,
    ).toBe(200);
    (h.clock as FakeClock).advance(25 * 3600 * 1000);
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(expiring.token) })).statusCode,
    ).toBe(401);
  });

  // Instance admins may revoke anyone's token (see workspaces.int.test.ts); other people may not even see it.
  it('is managed by its owner (or an instance admin) only, and never minted by another token', async () => {
    const owner = await h.user('researcher');
    const other = await h.user('researcher');
    const { token, apiToken } = await createToken(owner, { name: 'mine', access: 'write' });
    const foreign = await h.app.inject({ method: 'DELETE', url: `/api/tokens/${apiToken.id}`, headers: other.headers });
    expect(foreign.statusCode).toBe(404);
    const minted = await h.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: bearer(token),
      payload: { name: 'child', access: 'write', password: 'correct horse battery' },
    });
    expect(minted.statusCode).toBe(403);
    expect(minted.json().error.code).toBe('token.session_required');
  });

  it('rejects garbage bearer values with 401, never 500', async () => {
    for (const value of [
      'Bearer',
      'Bearer ',
      'Bearer fbt_',
      'Basic abc',
      `Bearer fbt_${'x'.repeat(5000)}`,
      'Bearer \u00e9\u00e9',
    ]) {
      const response = await h.app.inject({ method: 'GET', url: '/api/projects', headers: { authorization: value } });
      expect(response.statusCode).toBe(401);
    }
  });

  it('limits token creation per user', async () => {
    const researcher = await h.user('researcher');
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: researcher.headers,
        payload: { name: `t${i}`, password: 'correct horse battery' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.at(-1)).toBe(429);
  }, 120_000);
});
