import type { AuditAction, AuditEvent } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type FakeClock, rankingLine, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
beforeAll(async () => {
  h = await buildTestApp();
});
afterAll(() => h.close());

type Person = Awaited<ReturnType<TestHarness['user']>>;
/**
 * The events of some actions that match, newest first. Other test files write to the same log at the same time (one
 * database per run on PostgreSQL), so tests filter by action and by their own people.
 */
async function eventsOf(admin: Person, actions: AuditAction[], keep: (event: AuditEvent) => boolean) {
  const lists = await Promise.all(actions.map((action) => events(admin, `?action=${action}&limit=500`)));
  return lists
    .flat()
    .filter(keep)
    .sort((x, y) => y.at.localeCompare(x.at));
}

/** Events are listed newest first: a second between steps makes their order the order of the steps. */
const tick = () => (h.clock as FakeClock).advance(1000);
async function events(admin: Person, query = ''): Promise<AuditEvent[]> {
  const response = await h.app.inject({ method: 'GET', url: `/api/audit${query}`, headers: admin.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().events;
}

describe('audit log', () => {
  it('records sign-ins, failed sign-ins and sign-outs, with the address and the typed email', async () => {
    const admin = await h.user('admin');
    const person = await h.user('annotator');
    tick();
    await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: person.email, password: 'wrong password' },
      remoteAddress: '192.0.2.44',
    });
    tick();
    await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: person.headers });
    const mine = await eventsOf(admin, ['auth.login', 'auth.login_failed', 'auth.logout'], (e) =>
      [e.actorEmail, e.target].includes(person.email),
    );
    expect(mine.map((e) => e.action)).toEqual(['auth.logout', 'auth.login_failed', 'auth.login']);
    const failed = mine.find((e) => e.action === 'auth.login_failed');
    expect(failed).toMatchObject({ actorId: null, ip: '192.0.2.44', target: person.email });
  });

  it('records account creation, member adds with their role, imports, exports and token changes', async () => {
    const admin = await h.user('admin');
    const researcher = await h.user('researcher');
    const annotator = await h.user('annotator');
    const project = await h.project(researcher);
    tick();
    await h.addMember(researcher, project.id, annotator, 'annotator');
    tick();
    await h.importItems(researcher, project.id, [rankingLine('a')]);
    tick();
    await h.app.inject({
      method: 'GET',
      url: `/api/projects/${project.id}/export?format=raw`,
      headers: researcher.headers,
    });
    tick();
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: researcher.headers,
      payload: { name: 'audited', password: 'correct horse battery' },
    });
    tick();
    await h.app.inject({
      method: 'DELETE',
      url: `/api/tokens/${created.json().apiToken.id}`,
      headers: researcher.headers,
    });
    const trail = (await events(admin, `?projectId=${project.id}`)).map((e) => [e.action, e.actorEmail]);
    expect(trail).toEqual([
      ['export.download', researcher.email],
      ['items.import', researcher.email],
      ['member.add', researcher.email],
      ['project.create', researcher.email],
    ]);
    const memberAdd = (await events(admin, '?action=member.add')).find((e) => e.projectId === project.id);
    expect(memberAdd).toMatchObject({ target: annotator.email, details: { role: 'annotator' } });
    const tokens = await eventsOf(admin, ['token.create', 'token.revoke'], (e) => e.actorEmail === researcher.email);
    expect(tokens.map((e) => e.action)).toEqual(['token.revoke', 'token.create']);
    await h.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { email: 'audited-new@test.local', password: 'long enough pw', role: 'researcher' },
    });
    const [userCreate] = await eventsOf(admin, ['user.create'], (e) => e.target === 'audited-new@test.local');
    expect(userCreate).toMatchObject({
      actorEmail: admin.email,
      target: 'audited-new@test.local',
      details: { role: 'researcher' },
    });
  });

  it('records an action taken with an API token like any other, naming the token and the address', async () => {
    const admin = await h.user('admin');
    const researcher = await h.user('researcher');
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: researcher.headers,
      payload: { name: 'script', password: 'correct horse battery', access: 'write' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { token, apiToken } = created.json();
    const project = await h.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'made by a script', kind: 'ranking' },
      remoteAddress: '198.51.100.7',
    });
    expect(project.statusCode, project.body).toBe(201);
    const [event] = await events(admin, `?action=project.create&projectId=${project.json().id}`);
    expect(event).toMatchObject({
      actorEmail: researcher.email,
      target: 'made by a script',
      ip: '198.51.100.7',
      details: { viaToken: apiToken.id },
    });
  });

  it('does not record refused actions', async () => {
    const admin = await h.user('admin');
    const researcher = await h.user('researcher');
    const annotator = await h.user('annotator');
    const project = await h.project(researcher);
    await h.addMember(researcher, project.id, annotator);
    const refused = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${project.id}/export?format=raw`,
      headers: annotator.headers,
    });
    expect(refused.statusCode).toBe(403);
    const exports = (await events(admin, '?action=export.download')).filter((e) => e.projectId === project.id);
    expect(exports).toEqual([]);
  });

  it('is for admins only', async () => {
    const researcher = await h.user('researcher');
    expect((await h.app.inject({ method: 'GET', url: '/api/audit', headers: researcher.headers })).statusCode).toBe(
      403,
    );
    expect((await h.app.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
  });

  it('pages backwards in time with a cursor', async () => {
    const admin = await h.user('admin');
    const researcher = await h.user('researcher');
    // Four events of one project, all at the same instant: the cursor must not skip or repeat any.
    const project = await h.project(researcher);
    for (const who of [await h.user(), await h.user(), await h.user()]) await h.addMember(researcher, project.id, who);
    const scope = `projectId=${project.id}`;
    const first = await h.app.inject({ method: 'GET', url: `/api/audit?${scope}&limit=2`, headers: admin.headers });
    const page = first.json();
    expect(page.events).toHaveLength(2);
    const next = await events(admin, `?${scope}&limit=2&before=${encodeURIComponent(page.nextBefore)}`);
    const all = await events(admin, `?${scope}&limit=4`);
    expect(all).toHaveLength(4);
    expect([...page.events, ...next].map((e: AuditEvent) => e.id)).toEqual(all.map((e) => e.id));
  });
});
