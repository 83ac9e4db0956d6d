import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
beforeAll(async () => {
  h = await buildTestApp();
});
afterAll(() => h.close());

describe('weak passwords are refused wherever a password is set', () => {
  it.each(['password', '12345678', 'aaaaaaaa'])(
    'refuses %s for a new account with a 422 naming the password field, creating nothing',
    async (password) => {
      const admin = await h.user('admin');
      const email = `weak-${password}-${Date.now()}@test.local`;
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers,
        payload: { email, password, role: 'annotator' },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().error).toMatchObject({ code: 'auth.weak_password', details: { path: 'password' } });
      expect(response.json().error.message).toMatch(/^password: /);
      expect(await h.services.auth.findUserByEmail(email)).toBeUndefined();
    },
  );

  it('refuses a password made of the email address', async () => {
    const admin = await h.user('admin');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { email: 'grace.hopper@test.local', password: 'grace.hopper2024', role: 'researcher' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details.reason).toMatch(/email/);
  });

  it('refuses weak passwords on the service path the CLI, the first admin and the demo seed use', async () => {
    await expect(
      h.services.auth.createUser({ email: 'first-admin@test.local', password: 'password1', role: 'admin' }),
    ).rejects.toMatchObject({ statusCode: 422, code: 'auth.weak_password' });
    expect(await h.services.auth.findUserByEmail('first-admin@test.local')).toBeUndefined();
  });

  it('accepts a long passphrase', async () => {
    const admin = await h.user('admin');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { email: 'strong@test.local', password: 'tulip orbit 47 kettle', role: 'annotator' },
    });
    expect(response.statusCode).toBe(201);
  });
});
