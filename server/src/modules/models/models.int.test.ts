import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../db/client.ts';
import { databaseChecksum } from '../../test/database-checksum.ts';
import { type OpenAICompatibleServer, startOpenAICompatibleServer } from '../../test/openai-compatible-server.ts';
import { buildTestApp, type TestHarness } from '../../test/test-app.ts';

const KEY = `sk-feedbench-${randomUUID()}`;
const logLines: string[] = [];
let h: TestHarness;
let server: OpenAICompatibleServer;
let checksum: () => Promise<string>;
type Person = Awaited<ReturnType<TestHarness['user']>>;
let admin: Person;
let owner: Person;
let member: Person;
let annotator: Person;
let stranger: Person;
let workspaceId: string;
let defaultWorkspaceId: string;

beforeAll(async () => {
  server = await startOpenAICompatibleServer({ apiKey: KEY });
  // Every log line at the most verbose level, to check that no key reaches one.
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  h = await buildTestApp({ ownDatabase: true, config: { logLevel: 'trace' }, logStream });
  checksum = await databaseChecksum(h.database.db);
  admin = await h.user('admin');
  const created = await h.app.inject({
    method: 'POST',
    url: '/api/workspaces',
    headers: admin.headers,
    payload: { name: 'Lab', slug: `lab-${randomUUID().slice(0, 8)}` },
  });
  workspaceId = created.json().id;
  owner = await h.user('researcher', { workspaceId });
  member = await h.user('researcher', { workspaceId });
  annotator = await h.user('annotator', { workspaceId });
  stranger = await h.user('researcher');
  const promoted = await h.app.inject({
    method: 'POST',
    url: `/api/workspaces/${workspaceId}/members`,
    headers: admin.headers,
    payload: { email: owner.email, role: 'owner' },
  });
  expect(promoted.statusCode, promoted.body).toBe(200);
  defaultWorkspaceId = (await h.app.inject({ url: '/api/workspaces', headers: stranger.headers })).json().workspaces[0]
    .id;
}, 240_000);
afterAll(async () => {
  await h.close();
  await server.close();
});

const responses: string[] = [];
async function call(
  person: Person | null,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
) {
  const response = await h.app.inject({
    method,
    url,
    headers: person?.headers ?? {},
    ...(payload !== undefined && { payload: payload as Record<string, unknown> }),
  });
  responses.push(response.body, JSON.stringify(response.headers));
  return response;
}

async function createConnection(person: Person, body: Record<string, unknown> = {}) {
  const response = await call(person, 'POST', '/api/model-connections', {
    workspaceId,
    name: `local-${randomUUID().slice(0, 6)}`,
    baseUrl: server.url,
    model: 'test-model',
    apiKey: KEY,
    defaultParams: { temperature: 0.5 },
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; hasApiKey: boolean; workspaceId: string | null; name: string };
}

const auditCount = async () =>
  Number(
    (
      await rawRows<{ n: number }>(
        h.database.db,
        sql`select count(*)::int as n from audit_events where action like 'model_connection.%'`,
      )
    )[0]?.n,
  );

describe('model connections', { timeout: 120_000 }, () => {
  it('lets a workspace owner create, list, edit, test and delete a connection, audited, the key write-only', async () => {
    const connection = await createConnection(owner);
    expect(connection.hasApiKey).toBe(true);
    expect(connection).not.toHaveProperty('apiKey');
    const listed = await call(owner, 'GET', `/api/model-connections?workspaceId=${workspaceId}`);
    expect(listed.json().connections.map((c: { id: string }) => c.id)).toContain(connection.id);
    const edited = await call(owner, 'PATCH', `/api/model-connections/${connection.id}`, {
      name: 'renamed',
      defaultParams: { temperature: 0.2, maxTokens: 50 },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ name: 'renamed', hasApiKey: true, defaultParams: { temperature: 0.2 } });
    const tested = await call(owner, 'POST', `/api/model-connections/${connection.id}/test`, { prompt: 'Say hi' });
    expect(tested.statusCode, tested.body).toBe(200);
    expect(tested.json()).toMatchObject({ ok: true, model: 'test-model', finishReason: 'stop' });
    expect(tested.json().text).toMatch(/^Answer to "Say hi": /);
    // The stored key went to the endpoint (the test server refuses any other).
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);
    const removed = await call(owner, 'DELETE', `/api/model-connections/${connection.id}`);
    expect(removed.statusCode).toBe(200);
    expect((await call(owner, 'GET', `/api/model-connections?workspaceId=${workspaceId}`)).body).not.toContain(
      connection.id,
    );
    const audit = await rawRows<{ action: string; details: unknown; actor_email: string }>(
      h.database.db,
      sql`select action, details, actor_email from audit_events where target = ${connection.id} order by at, action`,
    );
    expect(audit.map((a) => a.action).sort()).toEqual([
      'model_connection.create',
      'model_connection.delete',
      'model_connection.update',
    ]);
    expect(audit.every((a) => a.actor_email === owner.email)).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(KEY);
  });

  it('shows the exact error of a failing endpoint on "Test connection"', async () => {
    const connection = await createConnection(owner);
    server.behaveOnce({ kind: 'error', status: 500, message: 'CUDA error: out of memory' });
    const failed = await call(owner, 'POST', `/api/model-connections/${connection.id}/test`, {});
    expect(failed.json()).toMatchObject({ ok: false, kind: 'server_error', status: 500 });
    expect(failed.json().message).toContain('CUDA error: out of memory');
    const wrongKey = 'sk-this-wrong-key-is-echoed-by-the-endpoint';
    await call(owner, 'PATCH', `/api/model-connections/${connection.id}`, { apiKey: wrongKey });
    const refused = await call(owner, 'POST', `/api/model-connections/${connection.id}/test`, {});
    expect(refused.json()).toMatchObject({ ok: false, kind: 'refused', status: 401 });
    expect(refused.body).not.toContain(wrongKey);
    const unkeyed = await call(owner, 'PATCH', `/api/model-connections/${connection.id}`, { apiKey: null });
    expect(unkeyed.json().hasApiKey).toBe(false);
  });

  it('stores the key encrypted and never returns it or logs it, in any response or log line', async () => {
    const connection = await createConnection(admin);
    const rows = await rawRows<Record<string, unknown>>(
      h.database.db,
      sql`select * from model_connections where id = ${connection.id}`,
    );
    expect(String(rows[0]?.api_key_encrypted)).toMatch(/^v1\./);
    expect(JSON.stringify(rows)).not.toContain(KEY);
    // Requests refused after reading a body that holds the key: bad input, and a URL the guard refuses.
    await call(owner, 'POST', '/api/model-connections', {
      workspaceId,
      name: 'x',
      baseUrl: 'ftp://x',
      model: 'm',
      apiKey: KEY,
    });
    await call(owner, 'POST', '/api/model-connections', {
      workspaceId,
      name: 'x',
      baseUrl: 'http://169.254.169.254/v1',
      model: 'm',
      apiKey: KEY,
    });
    await call(annotator, 'PATCH', `/api/model-connections/${connection.id}`, { apiKey: KEY });
    await call(admin, 'GET', '/api/model-connections');
    await call(admin, 'POST', `/api/model-connections/${connection.id}/test`, {});
    await call(admin, 'GET', '/api/audit?limit=500');
    expect(responses.length).toBeGreaterThan(10);
    for (const body of responses) expect(body).not.toContain(KEY);
    expect(logLines.length).toBeGreaterThan(10);
    for (const line of logLines) expect(line).not.toContain(KEY);
  });

  it('refuses annotators, plain members, outsiders and anonymous callers, and a refused call writes nothing', async () => {
    const connection = await createConnection(owner);
    const audits = await auditCount();
    const before = await checksum();
    const attempts: [string, 'GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown?][] = [
      ['create', 'POST', '/api/model-connections', { workspaceId, name: 'n', baseUrl: server.url, model: 'm' }],
      ['list', 'GET', `/api/model-connections?workspaceId=${workspaceId}`],
      ['edit', 'PATCH', `/api/model-connections/${connection.id}`, { baseUrl: 'http://evil.example/v1' }],
      ['test', 'POST', `/api/model-connections/${connection.id}/test`, {}],
      ['delete', 'DELETE', `/api/model-connections/${connection.id}`],
    ];
    for (const person of [annotator, member, stranger, null]) {
      for (const [what, method, url, payload] of attempts) {
        const response = await call(person, method, url, payload);
        const expected =
          person === null ? [401] : person === stranger ? [404] : what === 'create' || what === 'list' ? [403] : [404];
        expect(expected, `${what} by ${person?.email ?? 'anonymous'}: ${response.body}`).toContain(response.statusCode);
      }
    }
    // Their own list holds nothing of a workspace they do not manage.
    expect((await call(member, 'GET', '/api/model-connections')).json().connections).toEqual([]);
    expect(await checksum()).toBe(before);
    expect(await auditCount()).toBe(audits);
    expect(server.requests.filter((r) => r.at > Date.now() - 1000 && r.body?.messages?.[0]?.content === 'n')).toEqual(
      [],
    );
  });

  it('leaves instance-wide connections to instance admins, and another workspace out of reach', async () => {
    const instanceWide = await call(owner, 'POST', '/api/model-connections', {
      name: 'everyone',
      baseUrl: server.url,
      model: 'm',
    });
    expect(instanceWide.statusCode).toBe(403);
    const shared = await createConnection(admin, {
      workspaceId: undefined,
      name: `shared-${randomUUID().slice(0, 6)}`,
    });
    expect(shared.workspaceId).toBeNull();
    // Workspace managers see instance-wide connections but may not change them.
    expect((await call(owner, 'GET', `/api/model-connections?workspaceId=${workspaceId}`)).body).toContain(shared.id);
    expect((await call(owner, 'PATCH', `/api/model-connections/${shared.id}`, { name: 'mine' })).statusCode).toBe(404);
    const elsewhere = await createConnection(admin, { workspaceId: defaultWorkspaceId });
    expect((await call(owner, 'DELETE', `/api/model-connections/${elsewhere.id}`)).statusCode).toBe(404);
    expect((await call(owner, 'GET', `/api/model-connections?workspaceId=${defaultWorkspaceId}`)).statusCode).toBe(404);
  });

  it('refuses duplicate names within a workspace with 409 naming the field', async () => {
    const first = await createConnection(owner);
    const again = await call(owner, 'POST', '/api/model-connections', {
      workspaceId,
      name: first.name,
      baseUrl: server.url,
      model: 'm',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual({ path: 'name' });
  });

  it('gives a project the connections of its workspace and the instance-wide ones, to its researchers only', async () => {
    const project = await h.project(owner, { name: 'Generated' });
    await h.addMember(owner, project.id, annotator);
    const mine = await createConnection(owner);
    const elsewhere = await createConnection(admin, { workspaceId: defaultWorkspaceId });
    const usable = await call(owner, 'GET', `/api/projects/${project.id}/model-connections`);
    expect(usable.statusCode).toBe(200);
    const ids = usable.json().connections.map((c: { id: string }) => c.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(elsewhere.id);
    expect(usable.body).not.toContain(server.url);
    expect((await call(annotator, 'GET', `/api/projects/${project.id}/model-connections`)).statusCode).toBe(403);
    expect((await call(stranger, 'GET', `/api/projects/${project.id}/model-connections`)).statusCode).toBe(404);
  });

  it('lets a researcher who manages nothing choose connections for a new chat project, and make it', async () => {
    const mine = await createConnection(owner);
    const second = await createConnection(owner);
    const elsewhere = await createConnection(admin, { workspaceId: defaultWorkspaceId });
    // `member` is a plain researcher of the workspace: no access to the managers' list (URLs, keys).
    expect((await call(member, 'GET', `/api/model-connections?workspaceId=${workspaceId}`)).statusCode).toBe(403);
    const usable = await call(member, 'GET', `/api/workspaces/${workspaceId}/model-connections`);
    expect(usable.statusCode, usable.body).toBe(200);
    const listed = usable.json().connections as { id: string; name: string; model: string }[];
    expect(listed.map((c) => c.id)).toEqual(expect.arrayContaining([mine.id, second.id]));
    expect(listed.map((c) => c.id)).not.toContain(elsewhere.id);
    expect(listed.find((c) => c.id === mine.id)).toMatchObject({ name: mine.name, model: 'test-model' });
    expect(usable.body).not.toContain(server.url);
    expect(usable.body).not.toContain(KEY);
    const created = await call(member, 'POST', '/api/projects', {
      name: 'Chat by a researcher',
      kind: 'chat',
      workspaceId,
      settings: {
        questions: [{ id: 'rank', type: 'ranking', label: 'Rank' }],
        chat: { candidates: [{ connectionId: mine.id }, { connectionId: second.id }] },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    // Annotators create no project, so list nothing; another workspace's researcher cannot reach this one.
    expect((await call(annotator, 'GET', `/api/workspaces/${workspaceId}/model-connections`)).statusCode).toBe(403);
    expect((await call(stranger, 'GET', `/api/workspaces/${workspaceId}/model-connections`)).statusCode).toBe(404);
    expect((await call(null, 'GET', `/api/workspaces/${workspaceId}/model-connections`)).statusCode).toBe(401);
  });
});

describe('SSRF guard on model connections', { timeout: 120_000 }, () => {
  it.each([
    ['http://169.254.169.254/latest/meta-data', /link-local, metadata/],
    ['http://[fe80::1]:8000/v1', /link-local, metadata/],
    ['http://[::ffff:169.254.169.254]/v1', /link-local, metadata/],
    ['http://metadata.google.internal/computeMetadata/v1', /metadata host/],
    ['http://2852039166/v1', /link-local, metadata/],
    ['http://user:pass@localhost:8000/v1', /credentials in the URL/],
    ['file:///etc/passwd', /http/],
  ])('refuses %s when saved, and an edit to it changes nothing', async (baseUrl, reason) => {
    const created = await call(owner, 'POST', '/api/model-connections', {
      workspaceId,
      name: 'ssrf',
      baseUrl,
      model: 'm',
    });
    expect([400, 422]).toContain(created.statusCode);
    expect(created.body).toMatch(reason);
    const connection = await createConnection(owner);
    const edited = await call(owner, 'PATCH', `/api/model-connections/${connection.id}`, { baseUrl });
    expect([400, 422]).toContain(edited.statusCode);
    expect((await h.services.models.describe(connection.id))?.baseUrl).toBe(server.url);
  });

  it('refuses a redirect from the endpoint, to a metadata address or anywhere', async () => {
    const connection = await createConnection(owner);
    server.behaveOnce({ kind: 'redirect', location: 'http://169.254.169.254/latest/meta-data/', status: 302 });
    const tested = await call(owner, 'POST', `/api/model-connections/${connection.id}/test`, {});
    expect(tested.json()).toMatchObject({ ok: false, kind: 'refused' });
    expect(tested.json().message).toMatch(/redirects are refused/);
  });

  it('refuses loopback too when private networks are not allowed (hosted instances)', {
    timeout: 240_000,
  }, async () => {
    const strict = await buildTestApp({
      config: {
        models: {
          secret: { value: 'another-test-secret-0123456789', file: '', production: false },
          network: { allowPrivate: false, allowHosts: [] },
          timeoutMs: 5000,
        },
      },
    });
    try {
      const root = await strict.user('admin');
      const response = await strict.app.inject({
        method: 'POST',
        url: '/api/model-connections',
        headers: root.headers,
        payload: { name: 'local', baseUrl: server.url.replace('127.0.0.1', 'localhost'), model: 'm' },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().error).toMatchObject({
        code: 'model_connection.url_refused',
        details: { path: 'baseUrl' },
      });
      expect(response.body).toMatch(/loopback or private/);
    } finally {
      await strict.close();
    }
  });
});
