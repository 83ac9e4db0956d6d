import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../db/client.ts';
import { buildTestApp, type FakeClock, type TestHarness } from '../test/test-app.ts';

let h: TestHarness;
beforeAll(async () => {
  h = await buildTestApp();
});
afterAll(() => h.close());

const countProjects = async () =>
  Number((await rawRows<{ n: string }>(h.database.db, sql`select count(*) as n from projects`))[0]?.n);

describe('security headers', () => {
  it('sends a strict, enforced Content-Security-Policy with no inline script, and anti-framing headers', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers['content-security-policy-report-only']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    // Plain http here: HSTS and upgrade-insecure-requests only behind TLS (COOKIE_SECURE=true).
    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('relaxes styles (never scripts) for the API docs page alone', async () => {
    const docs = await h.app.inject({ method: 'GET', url: '/api/docs/static/index.html' });
    const csp = String(docs.headers['content-security-policy']);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("script-src 'self';");
    const api = await h.app.inject({ method: 'GET', url: '/api/auth/csrf' });
    expect(String(api.headers['content-security-policy'])).not.toContain('unsafe-inline');
  });

  it('documents how scripts authenticate in the OpenAPI document', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.components.securitySchemes.apiToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.csrf).toMatchObject({ in: 'header', name: 'x-csrf-token' });
  });

  it('pins https when the server is behind TLS', async () => {
    const tls = await buildTestApp({ config: { cookieSecure: true } });
    try {
      const response = await tls.app.inject({ method: 'GET', url: '/api/health' });
      expect(response.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      expect(String(response.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
      const user = await tls.services.auth.createUser({
        email: 'tls@test.local',
        password: 'secure cookie passphrase',
        role: 'annotator',
      });
      const login = await tls.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: 'secure cookie passphrase' },
      });
      expect(login.cookies.find((c) => c.name === 'feedbench_session')?.secure).toBe(true);
    } finally {
      await tls.close();
    }
  });
});

describe('CSRF protection', () => {
  it('refuses a cookie-authenticated change without the CSRF header, and changes nothing', async () => {
    const researcher = await h.user('researcher');
    const before = await countProjects();
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { cookie: researcher.cookie },
      payload: { name: 'Forged', kind: 'ranking' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('auth.csrf_invalid');
    expect(await countProjects()).toBe(before);
  });

  it('refuses a wrong token and a token of another session', async () => {
    const researcher = await h.user('researcher');
    const other = await h.user('researcher');
    for (const token of ['nope', other.csrfToken, `${researcher.csrfToken}x`]) {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/projects',
        headers: { cookie: researcher.cookie, 'x-csrf-token': token },
        payload: { name: 'Forged', kind: 'ranking' },
      });
      expect(response.statusCode).toBe(403);
    }
  });

  it('accepts the token the SPA reads from GET /api/auth/csrf', async () => {
    const researcher = await h.user('researcher');
    const csrf = await h.app.inject({ method: 'GET', url: '/api/auth/csrf', headers: { cookie: researcher.cookie } });
    expect(csrf.statusCode).toBe(200);
    const { csrfToken } = csrf.json();
    expect(csrfToken).toBe(researcher.csrfToken);
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { cookie: researcher.cookie, 'x-csrf-token': csrfToken },
      payload: { name: 'Real', kind: 'ranking' },
    });
    expect(response.statusCode).toBe(201);
  });

  it('never puts the token in a cookie, and answers null when signed out', async () => {
    const anonymous = await h.app.inject({ method: 'GET', url: '/api/auth/csrf' });
    expect(anonymous.json()).toEqual({ csrfToken: null });
    const user = await h.user();
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: user.password },
    });
    expect(login.cookies.map((c) => c.name)).toEqual(['feedbench_session']);
    expect(login.cookies[0]?.httpOnly).toBe(true);
  });

  it('rotates the token with the session at each sign-in', async () => {
    const user = await h.user();
    const again = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: user.headers,
      payload: { email: user.email, password: user.password },
    });
    const cookie = again.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = await h.app.inject({ method: 'GET', url: '/api/auth/csrf', headers: { cookie } });
    expect(csrf.json().csrfToken).not.toBe(user.csrfToken);
    // The session the browser had before signing in again is over.
    expect((await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: user.headers })).statusCode).toBe(401);
  });

  it('protects logout too, and lets reads through without a token', async () => {
    const user = await h.user();
    const forged = await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: user.cookie } });
    expect(forged.statusCode).toBe(403);
    const me = await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: user.cookie } });
    expect(me.statusCode).toBe(200);
  });
});

describe('sign-in throttling', () => {
  let t: TestHarness;
  beforeAll(async () => {
    t = await buildTestApp({
      config: { loginLimits: { failuresPerAccount: 3, failuresPerAddress: 5, windowMinutes: 15 } },
    });
  });
  afterAll(() => t.close());

  const login = (email: string, password: string, remoteAddress = '198.51.100.7') =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });

  it('locks out an email after repeated failures, even for the right password, without revealing the account', async () => {
    const person = await t.services.auth.createUser({
      email: 'locked@test.local',
      password: 'the right password',
      role: 'annotator',
    });
    const real: { status: number; body: unknown }[] = [];
    const ghost: { status: number; body: unknown }[] = [];
    for (let i = 0; i < 4; i++) {
      const a = await login(person.email, 'wrong guess', '198.51.100.1');
      real.push({ status: a.statusCode, body: a.json() });
      const b = await login('nobody-here@test.local', 'wrong guess', '198.51.100.2');
      ghost.push({ status: b.statusCode, body: b.json() });
    }
    expect(real.map((r) => r.status)).toEqual([401, 401, 401, 429]);
    // The same answers, in the same order, whether the account exists or not.
    expect(ghost).toEqual(real);
    expect(real[3]?.body).toMatchObject({ error: { code: 'auth.too_many_attempts' } });
    const right = await login(person.email, 'the right password', '198.51.100.1');
    expect(right.statusCode).toBe(429);
    expect(right.cookies).toHaveLength(0);
    // Another address is not locked out by someone else's guesses.
    expect((await login(person.email, 'the right password', '198.51.100.3')).statusCode).toBe(200);
    // The lockout ends with its window.
    (t.clock as FakeClock).advance(16 * 60 * 1000);
    expect((await login(person.email, 'the right password', '198.51.100.1')).statusCode).toBe(200);
  });

  it('limits failures per address across emails (password spraying), not successes', async () => {
    const person = await t.services.auth.createUser({
      email: 'sprayed@test.local',
      password: 'the right password',
      role: 'annotator',
    });
    for (let i = 0; i < 6; i++)
      expect((await login(person.email, 'the right password', '203.0.113.9')).statusCode).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await login(`spray-${i}@test.local`, 'guess', '203.0.113.9')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

describe('request limits', () => {
  it('answers 413 naming the limit for a JSON body over 1 MiB', async () => {
    const researcher = await h.user('researcher');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { ...researcher.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x', kind: 'ranking', guidelines: 'y'.repeat(1024 * 1024) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({ code: 'request.too_large', details: { limitBytes: 1024 * 1024 } });
    expect(response.json().error.message).toContain('1 MiB');
  });

  it('answers 400 for malformed JSON and for prototype-pollution keys', async () => {
    const researcher = await h.user('researcher');
    for (const payload of ['{"name": "x",', '{"name":"x","kind":"ranking","__proto__":{"admin":true}}']) {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/projects',
        headers: { ...researcher.headers, 'content-type': 'application/json' },
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('request.malformed_json');
    }
  });

  it('answers 415 for a content type the route does not take', async () => {
    const researcher = await h.user('researcher');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { ...researcher.headers, 'content-type': 'application/xml' },
      payload: '<project/>',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('request.unsupported_media_type');
  });
});
