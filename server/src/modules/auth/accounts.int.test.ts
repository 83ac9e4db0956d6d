import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTask } from '../../test/annotating.ts';
import { buildTestApp, rankingLine, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
beforeAll(async () => {
  h = await buildTestApp();
}, 120_000);
afterAll(() => h.close());

const me = (headers: Record<string, string>) => h.app.inject({ method: 'GET', url: '/api/auth/me', headers });
const login = (email: string, password: string) =>
  h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

// Each test signs several accounts in (a scrypt hash each): slow on a busy machine.
describe('account management', () => {
  it('disabling an account ends its sessions and tokens, refuses sign-in and frees the items it held', async () => {
    const admin = await h.user('admin');
    const researcher = await h.user('researcher');
    const annotator = await h.user('annotator');
    const project = await h.project(researcher);
    await h.importItems(researcher, project.id, [rankingLine('a')]);
    await h.addMember(researcher, project.id, annotator);
    const held = await nextTask(h, annotator, project.id);
    expect(held).not.toBeNull();
    const token = await h.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: annotator.headers,
      payload: { name: 'cli', access: 'read', password: annotator.password },
    });
    expect(token.statusCode, token.body).toBe(201);
    const bearer = { authorization: `Bearer ${token.json().token}` };
    expect((await me(bearer)).statusCode).toBe(200);

    const disabled = await h.app.inject({
      method: 'PATCH',
      url: `/api/users/${annotator.id}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json().user).toMatchObject({ id: annotator.id, disabled: true });
    expect((await me(annotator.headers)).statusCode).toBe(401);
    expect((await me(bearer)).statusCode).toBe(401);
    const refused = await login(annotator.email, annotator.password);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('auth.disabled');
    // The item the annotator held is back in the pool: another annotator gets it now, not after the lease ran out.
    const other = await h.user('annotator');
    await h.addMember(researcher, project.id, other);
    expect((await nextTask(h, other, project.id))?.item.id).toBe(held?.item.id);

    const users = await h.app.inject({ method: 'GET', url: '/api/users', headers: admin.headers });
    expect(users.json().users.find((u: { id: string }) => u.id === annotator.id).disabled).toBe(true);
    await h.app.inject({
      method: 'PATCH',
      url: `/api/users/${annotator.id}`,
      headers: admin.headers,
      payload: { disabled: false },
    });
    expect((await login(annotator.email, annotator.password)).statusCode).toBe(200);
    // Tokens stay revoked after re-enabling: the owner makes new ones.
    expect((await me(bearer)).statusCode).toBe(401);
  }, 180_000);

  it('does not let an admin disable their own account', async () => {
    const admin = await h.user('admin');
    const response = await h.app.inject({
      method: 'PATCH',
      url: `/api/users/${admin.id}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    expect(response.statusCode).toBe(409);
  }, 180_000);

  it("resets someone's password (admin), ending their sessions", async () => {
    const admin = await h.user('admin');
    const annotator = await h.user('annotator');
    const reset = await h.app.inject({
      method: 'PUT',
      url: `/api/users/${annotator.id}/password`,
      headers: admin.headers,
      payload: { password: 'a brand new password' },
    });
    expect(reset.statusCode, reset.body).toBe(204);
    expect((await me(annotator.headers)).statusCode).toBe(401);
    expect((await login(annotator.email, annotator.password)).statusCode).toBe(401);
    expect((await login(annotator.email, 'a brand new password')).statusCode).toBe(200);
    const short = await h.app.inject({
      method: 'PUT',
      url: `/api/users/${annotator.id}/password`,
      headers: admin.headers,
      payload: { password: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toMatch(/^body\.password/);
  }, 180_000);

  it('does not let an admin reset their own password without the current one (409), changing nothing', async () => {
    const admin = await h.user('admin');
    const refused = await h.app.inject({
      method: 'PUT',
      url: `/api/users/${admin.id}/password`,
      headers: admin.headers,
      payload: { password: 'a brand new password' },
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error.code).toBe('user.reset_own_password');
    // Still signed in, and the old password still works.
    expect((await me(admin.headers)).statusCode).toBe(200);
    expect((await login(admin.email, admin.password)).statusCode).toBe(200);
  }, 180_000);

  it('remembers the UI language per account: every later sign-in and /me answer it; nothing else is accepted', async () => {
    const annotator = await h.user('annotator');
    expect((await me(annotator.headers)).json().user.locale).toBeNull();
    const set = (locale: unknown) =>
      h.app.inject({ method: 'PATCH', url: '/api/auth/me', headers: annotator.headers, payload: { locale } });
    const chosen = await set('zh-CN');
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json().user).toMatchObject({ id: annotator.id, locale: 'zh-CN' });
    // Another browser: a fresh sign-in carries the choice, and so does /me there.
    const elsewhere = await login(annotator.email, annotator.password);
    expect(elsewhere.json().user.locale).toBe('zh-CN');
    const cookie = `feedbench_session=${elsewhere.cookies.find((c) => c.name === 'feedbench_session')?.value}`;
    expect((await me({ cookie })).json().user.locale).toBe('zh-CN');
    const unknown = await set('fr');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/locale/);
    expect((await me(annotator.headers)).json().user.locale).toBe('zh-CN');
  }, 180_000);

  it('changes one’s own password with the current one, keeping this session and ending the others', async () => {
    const researcher = await h.user('researcher');
    const otherSession = await login(researcher.email, researcher.password);
    const otherCookie = `feedbench_session=${otherSession.cookies.find((c) => c.name === 'feedbench_session')?.value}`;
    const change = (currentPassword: string) =>
      h.app.inject({
        method: 'PUT',
        url: '/api/auth/password',
        headers: researcher.headers,
        payload: { currentPassword, newPassword: 'my second password' },
      });
    const wrong = await change('not my password');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.details.path).toBe('currentPassword');
    expect((await change(researcher.password)).statusCode).toBe(204);
    expect((await me(researcher.headers)).statusCode).toBe(200);
    expect((await me({ cookie: otherCookie })).statusCode).toBe(401);
    expect((await login(researcher.email, 'my second password')).statusCode).toBe(200);
  }, 180_000);

  it("removes a project member, releasing their lease, and keeps the project's last researcher", async () => {
    const admin = await h.user('admin');
    const researcher = await h.user('researcher');
    const annotator = await h.user('annotator');
    const project = await h.project(researcher, { name: 'Audited project' });
    await h.importItems(researcher, project.id, [rankingLine('only')]);
    await h.addMember(researcher, project.id, annotator);
    const held = await nextTask(h, annotator, project.id);
    const remove = (userId: string) =>
      h.app.inject({
        method: 'DELETE',
        url: `/api/projects/${project.id}/members/${userId}`,
        headers: researcher.headers,
      });
    const removed = await remove(annotator.id);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().members.map((m: { email: string }) => m.email)).toEqual([researcher.email]);
    expect(
      (await h.app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: annotator.headers }))
        .statusCode,
    ).toBe(404);
    const other = await h.user('annotator');
    await h.addMember(researcher, project.id, other);
    expect((await nextTask(h, other, project.id))?.item.id).toBe(held?.item.id);
    expect((await remove(annotator.id)).statusCode).toBe(404);
    const last = await remove(researcher.id);
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe('project.last_researcher');

    // The audit log names the project, not only its id.
    const audit = await h.app.inject({
      method: 'GET',
      url: '/api/audit?action=project.member_remove',
      headers: admin.headers,
    });
    const event = audit.json().events.find((e: { projectId: string }) => e.projectId === project.id);
    expect(event).toMatchObject({ target: annotator.email, projectName: 'Audited project' });
  }, 180_000);
});
