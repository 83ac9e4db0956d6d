import type { Task } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTask, type Person } from '../test/annotating.ts';
import { databaseChecksum } from '../test/database-checksum.ts';
import { buildTestApp, type TestHarness } from '../test/test-app.ts';
import { MAX_JSON_DEPTH } from './input-guard.ts';

/**
 * PostgreSQL cannot store U+0000 in text or jsonb, and JSON nested thousands of levels deep overflows recursive
 * validators: both used to answer 500. One gate refuses them on every route with a 400 that names the field.
 */
let h: TestHarness;
let researcher: Person;
let annotator: Person;
let task: Task;
let checksum: () => Promise<string>;
beforeAll(async () => {
  h = await buildTestApp({ ownDatabase: true });
  researcher = await h.user('researcher');
  annotator = await h.user('annotator');
  const project = await h.project(researcher, { kind: 'demonstration' });
  await h.importItems(researcher, project.id, [{ id: 'one', prompt: 'Prompt one' }]);
  await h.addMember(researcher, project.id, annotator);
  task = (await nextTask(h, annotator, project.id)) as Task;
  checksum = await databaseChecksum(h.database.db);
}, 120_000);
afterAll(() => h.close());

const deep = (levels: number) => `${'{"a":'.repeat(levels)}"x"${'}'.repeat(levels)}`;

describe('input guard', () => {
  it.each([
    [
      'skip comment',
      'POST',
      (): string => `/api/leases/${task.leaseId}/skip`,
      { reason: 'other', comment: 'a\u0000b' },
      'body.comment',
    ],
    [
      'draft text',
      'PUT',
      (): string => `/api/leases/${task.leaseId}/draft`,
      { answers: { reply: { type: 'demonstration', text: 'a\u0000' } } },
      'body.answers.reply.text',
    ],
    [
      'answer text',
      'POST',
      (): string => `/api/leases/${task.leaseId}/submit`,
      { idempotencyKey: crypto.randomUUID(), answers: { reply: { type: 'demonstration', text: '\u0000' } } },
      'body.answers.reply.text',
    ],
    ['project name', 'POST', (): string => '/api/projects', { name: 'P\u0000', kind: 'ranking' }, 'body.name'],
    [
      'answer key',
      'PUT',
      (): string => `/api/leases/${task.leaseId}/draft`,
      { answers: { 'r\u0000': { type: 'demonstration', text: 'x' } } },
      'body.answers.r\\u0000',
    ],
  ] as const)(
    'refuses a NUL character in the %s with 400 naming the field, writing nothing',
    async (_, method, url, payload, field) => {
      const before = await checksum();
      const person = url().startsWith('/api/leases') ? annotator : researcher;
      const response = await h.app.inject({ method, url: url(), headers: person.headers, payload });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error).toMatchObject({
        code: 'request.invalid',
        details: { problems: [{ path: field }] },
      });
      expect(response.json().error.message).toContain(field);
      expect(await checksum()).toBe(before);
    },
  );

  it('refuses a NUL character in a query parameter', async () => {
    const response = await h.app.inject({ url: '/api/projects?workspaceId=%00', headers: researcher.headers });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.details.problems[0].path).toBe('querystring.workspaceId');
  });

  it('refuses JSON nested 20,000 levels deep with 400, writing nothing', async () => {
    const before = await checksum();
    const response = await h.app.inject({
      method: 'PUT',
      url: `/api/leases/${task.leaseId}/draft`,
      headers: { ...annotator.headers, 'content-type': 'application/json' },
      payload: `{"answers":{"reply":${deep(20_000)}}}`,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.message).toContain(`nested more than ${MAX_JSON_DEPTH} levels deep`);
    expect(response.json().error.message).toMatch(/^body\.answers\.reply\.a/);
    expect(await checksum()).toBe(before);
  });

  it('still accepts ordinary input with control characters other than NUL', async () => {
    const response = await h.app.inject({
      method: 'PUT',
      url: `/api/leases/${task.leaseId}/draft`,
      headers: annotator.headers,
      payload: { answers: { reply: { type: 'demonstration', text: 'tab\there\nline\u0001' } } },
    });
    expect(response.statusCode, response.body).toBe(200);
  });
});
