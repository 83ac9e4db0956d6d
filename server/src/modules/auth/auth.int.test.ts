import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../db/client.ts';
import { buildTestApp, type FakeClock, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
beforeAll(async () => {
  h = await buildTestApp();
});
afterAll(() => h.close());

describe('auth', () => {
  it('signs in with the right password and sets an httpOnly session cookie', async () => {
    const user = await h.user('researcher');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email.toUpperCase(), password: user.password },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().user.email).toBe(user.email);
    const cookie = response.cookies.find((c) => c.name === 'feedbench_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
  });

  it('answers the same message for a wrong password and an unknown account', async () => {
    const user = await h.user();
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: 'not the password' },
    });
    const unknown = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@test.local', password: 'whatever1' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('never stores the password in plain text', async () => {
    const user = await h.user();
    const [row] = await rawRows<{ password_hash: string }>(
      h.database.db,
      sql`select password_hash from users where email = ${user.email}`,
    );
    // At the harness's cost (test-app.ts); the real one is checked in password.test.ts and config.test.ts.
    expect(row?.password_hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(row?.password_hash).not.toContain(user.password);
  });

  it('reports the signed-in user and forgets them after logout', async () => {
    const user = await h.user('annotator');
    const me = await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: user.headers });
    expect(me.json().user).toMatchObject({ email: user.email, role: 'annotator' });
    const out = await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: user.headers });
    expect(out.statusCode).toBe(204);
    const after = await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: user.headers });
    expect(after.statusCode).toBe(401);
  });

  it('expires a session after the idle lifetime', async () => {
    const user = await h.user();
    (h.clock as FakeClock).advance(8 * 24 * 3600 * 1000);
    const me = await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: user.headers });
    expect(me.statusCode).toBe(401);
  });

  it('lets only admins create accounts, and refuses a taken email with 409', async () => {
    const admin = await h.user('admin');
    const researcher = await h.user('researcher');
    const payload = { email: 'new-person@test.local', password: 'long enough pw', role: 'annotator' };
    const denied = await h.app.inject({ method: 'POST', url: '/api/users', headers: researcher.headers, payload });
    expect(denied.statusCode).toBe(403);
    const created = await h.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload });
    expect(created.statusCode).toBe(201);
    const again = await h.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('auth.email_taken');
  });

  it('names the field of a malformed login body', async () => {
    const response = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'not-an-email' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/^body\.(email|password)/);
  });
});
