import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTask, type Person, submitTask } from '../test/annotating.ts';
import { databaseChecksum } from '../test/database-checksum.ts';
import { buildTestApp, rankingLine, type TestHarness } from '../test/test-app.ts';

/**
 * Property-based fuzzing of every route's input (fast-check): hostile path parameters, query strings, bodies and
 * headers. Whatever arrives, the server answers below 500, within a few seconds, pollutes no prototype, and a refused
 * request (4xx) leaves the database exactly as it was (tables that record refusals on purpose aside, see
 * test/database-checksum.ts).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
const ANSWER_WITHIN_MS = 5000;
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
let checksum: () => Promise<string>;
beforeAll(async () => {
  // Its own database: the checksum covers every table, and other files write to the shared one in parallel.
  h = await buildTestApp({ ownDatabase: true });
  admin = await h.user('admin');
  const researcher = await h.user('researcher');
  annotator = await h.user('annotator');
  const project = await h.project(researcher);
  await h.importItems(researcher, project.id, [rankingLine('a'), rankingLine('b')]);
  await h.addMember(researcher, project.id, annotator);
  // One submitted annotation (its item and id for the routes that name them), and a lease on the other item.
  const first = await nextTask(h, annotator, project.id);
  if (!first) throw new Error('no task');
  const annotationId = (await submitTask(h, annotator, first)).json().annotationId;
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
    itemId: first.item.id,
    annotationId,
  };
  checksum = await databaseChecksum(h.database.db);
  // Three accounts and a token (one scrypt each): slow on a busy machine.
}, 180_000);
afterAll(() => h.close());

/** A JSON Schema node as the OpenAPI document gives it (fastify-type-provider-zod inlines everything: no $ref). */
interface SchemaNode {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  minItems?: number;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  minimum?: number;
  default?: unknown;
}
type Sample = { value: unknown; strings: string[][]; objects: string[][] };
const NIL_UUID = '00000000-0000-4000-8000-000000000000';

/**
 * A body shaped like the schema asks (every optional field filled), with the paths of its string leaves and of its
 * free-form objects (answers, metadata, filters), so each can be replaced by hostile input while the rest stays valid.
 */
function sampleOf(schema: SchemaNode, path: string[] = [], depth = 0): Sample {
  const variant = schema.oneOf?.[0] ?? schema.anyOf?.[0] ?? schema.allOf?.[0];
  if (variant) return sampleOf(variant, path, depth);
  const type = [schema.type].flat()[0];
  if (schema.enum) return { value: schema.enum[0], strings: [], objects: [] };
  if (depth > 8) return { value: null, strings: [], objects: [] };
  if (type === 'string') {
    const value = schema.format === 'uuid' ? NIL_UUID : schema.format === 'email' ? 'x@test.local' : 'sample text';
    return { value, strings: [path], objects: [] };
  }
  if (type === 'number' || type === 'integer') return { value: schema.minimum ?? 1, strings: [], objects: [] };
  if (type === 'boolean') return { value: false, strings: [], objects: [] };
  if (type === 'array' && schema.items) {
    const item = sampleOf(schema.items, [...path, '0'], depth + 1);
    return { value: [item.value], strings: item.strings, objects: item.objects };
  }
  if (type === 'object') {
    const sample: Sample = { value: {}, strings: [], objects: [path] };
    const fields = Object.entries(schema.properties ?? {});
    if (typeof schema.additionalProperties === 'object') fields.push(['q1', schema.additionalProperties]);
    for (const [key, child] of fields) {
      const inner = sampleOf(child, [...path, key], depth + 1);
      (sample.value as Record<string, unknown>)[key] = inner.value;
      sample.strings.push(...inner.strings);
      sample.objects.push(...inner.objects.filter((p) => p.length > 0));
    }
    return sample;
  }
  return { value: null, strings: [], objects: [] };
}

function replaced(value: unknown, path: string[], by: unknown): unknown {
  if (path.length === 0) return by;
  const [key, ...rest] = path as [string, ...string[]];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string, unknown>;
  copy[key] = replaced(copy[key], rest, by);
  return copy;
}

/** JSON nested `levels` deep, written as text (JSON.stringify would recurse as deep). */
const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const DEEP = 20_000;

describe('route fuzzing', () => {
  it('refuses a NUL character in every string field, query parameter and key, and deep nesting, writing nothing', async () => {
    const openapi = (await h.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content: Record<string, { schema: SchemaNode }> };
            parameters?: { in: string; name: string; schema: SchemaNode }[];
          }
        >
      >;
    };
    const failures: string[] = [];
    let requests = 0;
    const before = await checksum();
    for (const route of h.app.routeTable.filter((r) => !SKIPPED(r.url))) {
      const operation = openapi.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      if (!operation) continue;
      const person = route.url.includes(':leaseId') ? annotator : route.url === '/api/auth/logout' ? undefined : admin;
      const url = route.url.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? NIL_UUID);
      const send = async (what: string, query: string, body?: string) => {
        requests++;
        const response = await h.app.inject({
          method: route.method as 'POST',
          url: query ? `${url}?${query}` : url,
          payload: body,
          headers: {
            ...(person?.headers ?? {}),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
        });
        if (response.statusCode < 400 || response.statusCode >= 500)
          failures.push(
            `${route.method} ${route.url} with ${what}: ${response.statusCode} ${response.body.slice(0, 160)}`,
          );
      };
      const queryParameters = (operation.parameters ?? []).filter((p) => p.in === 'query');
      const validQuery = queryParameters.map((p) => [p.name, String(sampleOf(p.schema).value ?? '')] as const);
      const queryText = (pairs: readonly (readonly [string, string])[]) =>
        pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
      for (const parameter of queryParameters) {
        const pairs = validQuery.map(([k, v]) => [k, k === parameter.name ? `x\u0000${v}` : v] as const);
        await send(`NUL in query ${parameter.name}`, queryText(pairs));
      }
      if (route.method === 'GET') {
        await send('a NUL query key', queryText([...validQuery, ['k\u0000', '1']]));
        continue;
      }
      const schema = operation.requestBody?.content['application/json']?.schema;
      if (!schema) continue;
      const sample = sampleOf(schema);
      const query = queryText(validQuery);
      for (const path of sample.strings) {
        await send(`NUL in ${path.join('.')}`, query, JSON.stringify(replaced(sample.value, path, 'half\u0000way')));
      }
      for (const path of sample.objects) {
        await send(
          `a NUL key in ${path.join('.') || 'the body'}`,
          query,
          JSON.stringify(replaced(sample.value, path, { 'k\u0000': 'v' })),
        );
        const at = JSON.stringify(replaced(sample.value, path, '__DEEP__'));
        await send(`${DEEP} levels in ${path.join('.') || 'the body'}`, query, at.replace('"__DEEP__"', nested(DEEP)));
      }
      await send(`a body ${DEEP} levels deep`, query, `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`);
    }
    expect(failures).toEqual([]);
    expect(await checksum()).toBe(before);
    expect(requests).toBeGreaterThan(100);
  }, 240_000);

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
