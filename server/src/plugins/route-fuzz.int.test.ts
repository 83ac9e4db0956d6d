import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../db/client.ts';
import { nextTask, type Person } from '../test/annotating.ts';
import { buildTestApp, rankingLine, type TestHarness } from '../test/test-app.ts';

/**
 * Property-based fuzzing of every route's input (fast-check): hostile path parameters, query strings, bodies and
 * headers. Whatever arrives, the server answers below 500, within a few seconds, pollutes no prototype, and a refused
 * request (4xx) leaves the database exactly as it was. Tables that record refusals on purpose are left out of the
 * comparison: audit_events (failed sign-ins), rate_limit_hits and login_account_throttle (throttling counts attempts),
 * sessions.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
const ANSWER_WITHIN_MS = 5000;
const RECORDS_REFUSALS = new Set(['audit_events', 'rate_limit_hits', 'login_account_throttle', 'sessions']);
/** Swagger UI's static files and the websocket take no input worth fuzzing (the permission matrix covers them). */
const SKIPPED = (url: string) => url.startsWith('/api/docs') || url.endsWith('/live');

const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '__proto__',
    'constructor',
    'prototype',
    '../../../etc/passwd',
    '%00',
    '\u0000',
    '\ud800',
    '\u202e\u0041',
    'e\u0301'.repeat(50),
    '😀'.repeat(2000),
    'a'.repeat(300_000),
    "' OR 1=1 --",
    '<script>alert(1)</script>',
    'javascript:alert(1)',
    'NaN',
    '-1',
    '1e309',
    'null',
    '00000000-0000-0000-0000-000000000000',
  ),
);

/** Prototype-pollution attempts, written as raw JSON text (JSON.stringify would drop a __proto__ key). */
const pollutionBodies = fc.constantFrom(
  '{"__proto__":{"polluted":true}}',
  '{"name":"x","kind":"ranking","__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"answers":{"__proto__":{"polluted":true}},"idempotencyKey":"00000000-0000-4000-8000-000000000000"}',
  '{"email":"a@b.co","password":"x","constructor":{"prototype":{"polluted":true}}}',
  '[{"__proto__":{"polluted":true}}]',
);

const bodies = fc.oneof(
  fc.record({ text: fc.string({ unit: 'binary', maxLength: 200 }), type: fc.constant('application/json') }),
  fc.record({
    text: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'),
    type: fc.constant('application/json'),
  }),
  fc.record({
    text: fc
      .dictionary(hostileText, fc.oneof(hostileText, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 5 })
      .map((o) => JSON.stringify(o)),
    type: fc.constant('application/json'),
  }),
  fc.record({ text: pollutionBodies, type: fc.constant('application/json') }),
  fc.constant({ text: JSON.stringify({ name: 'y'.repeat(1_100_000) }), type: 'application/json' }),
  fc.record({ text: hostileText, type: fc.constantFrom('text/plain', 'application/x-ndjson', 'application/xml', '') }),
  fc.constant(undefined),
);

const request = fc.record({
  /** Either the real id (so the body is what gets refused) or hostile text in its place. */
  params: fc.array(fc.oneof(fc.constant(null), hostileText), { minLength: 3, maxLength: 3 }),
  query: fc.array(fc.tuple(hostileText, hostileText), { maxLength: 3 }),
  body: bodies,
  authorization: fc.oneof(
    fc.constant(undefined),
    fc.constant(undefined),
    hostileText.map((t) => `Bearer ${t}`),
  ),
});

const encode = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80'; // a lone surrogate: invalid UTF-8 on the wire
  }
};

let h: TestHarness;
let admin: Person;
let annotator: Person;
let ids: Record<string, string>;
let tables: string[];
beforeAll(async () => {
  // Its own database: the checksum covers every table, and other files write to the shared one in parallel.
  h = await buildTestApp({ ownDatabase: true });
  admin = await h.user('admin');
  const researcher = await h.user('researcher');
  annotator = await h.user('annotator');
  const project = await h.project(researcher);
  await h.importItems(researcher, project.id, [rankingLine('a'), rankingLine('b')]);
  await h.addMember(researcher, project.id, annotator);
  const task = await nextTask(h, annotator, project.id);
  const token = await h.app.inject({
    method: 'POST',
    url: '/api/tokens',
    headers: admin.headers,
    payload: { name: 'fuzz', password: 'correct horse battery' },
  });
  const workspaces = (await h.app.inject({ url: '/api/workspaces', headers: admin.headers })).json().workspaces;
  ids = {
    projectId: project.id,
    leaseId: task?.leaseId ?? '',
    tokenId: token.json().apiToken.id,
    // The default workspace (every account's); removing its member `researcher` ends nothing the run needs later.
    workspaceId: workspaces[0]?.id ?? '',
    userId: researcher.id,
  };
  const rows = await rawRows<{ name: string }>(
    h.database.db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  tables = rows.map((r) => r.name).filter((name) => !RECORDS_REFUSALS.has(name));
  // Three accounts and a token (one scrypt each): slow on a busy machine.
}, 180_000);
afterAll(() => h.close());

/** One md5 per table over its rows in a stable order: equal checksums, equal data. */
async function checksum(): Promise<string> {
  const parts = tables.map(
    (t) =>
      sql`select ${t} as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${sql.identifier(t)} x`,
  );
  const rows = await rawRows<{ t: string; h: string }>(h.database.db, sql.join(parts, sql` union all `));
  return rows.map((r) => `${r.t}:${r.h}`).join(',');
}

describe('route fuzzing', () => {
  it('answers every hostile request below 500, promptly, and a refused one changes nothing', async () => {
    const routes = h.app.routeTable.filter((r) => !SKIPPED(r.url));
    expect(routes.length).toBeGreaterThan(20);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const route of routes) {
      // Lease routes as the lease holder, the rest as an admin (who reaches everything); sign-out would end the
      // session the rest of the run needs, so it goes anonymous.
      const person = route.url.includes(':leaseId') ? annotator : route.url === '/api/auth/logout' ? undefined : admin;
      let before = await checksum();
      await fc.assert(
        fc.asyncProperty(request, async (input) => {
          let index = 0;
          const url = route.url.replace(/:(\w+)/g, (_, name: string) => {
            const hostile = input.params[index++];
            return hostile === null || hostile === undefined ? (ids[name] ?? '') : encode(hostile);
          });
          const query = input.query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
          const headers: Record<string, string> = { ...(person?.headers ?? {}) };
          if (input.body?.type) headers['content-type'] = input.body.type;
          if (input.authorization) headers.authorization = input.authorization;
          const inject = h.app.inject({
            method: route.method as 'GET',
            url: query ? `${url}?${query}` : url,
            payload: route.method === 'GET' ? undefined : input.body?.text,
            headers,
          });
          const timeout = new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`)), ANSWER_WITHIN_MS),
          );
          const response = await Promise.race([inject, timeout]);
          const label = `${route.method} ${route.url} -> ${response.statusCode}`;
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          if (response.statusCode >= 500) failures.push(`${label}: ${response.body.slice(0, 200)}`);
          if ((Object.prototype as Record<string, unknown>).polluted !== undefined) failures.push(`${label}: polluted`);
          if (response.statusCode >= 400) {
            const after = await checksum();
            if (after !== before) failures.push(`${label}: refused, yet the database changed`);
          } else {
            before = await checksum();
          }
        }),
        { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 7) },
      );
    }
    expect(failures).toEqual([]);
    // The fuzz reached past parsing: some hostile requests were valid enough to succeed, most were refused.
    const count = (test: (status: number) => boolean) =>
      [...statuses].filter(([status]) => test(status)).reduce((sum, [, n]) => sum + n, 0);
    expect(
      count((s) => s < 300),
      JSON.stringify([...statuses]),
    ).toBeGreaterThan(0);
    expect(count((s) => s === 400 || s === 413 || s === 415 || s === 422)).toBeGreaterThan(routes.length);
    if (process.env.FUZZ_DEBUG) console.log(JSON.stringify([...statuses].sort()));
  }, 240_000);
});
