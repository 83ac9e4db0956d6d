import { randomUUID } from 'node:crypto';
import type { Answers, Task } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
let researcher: Awaited<ReturnType<TestHarness['user']>>;
let annotator: Awaited<ReturnType<TestHarness['user']>>;
beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
  annotator = await h.user('annotator');
});
afterAll(() => h.close());

async function annotate(projectId: string, answersFor: (task: Task) => Answers) {
  for (;;) {
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/tasks/next`,
      headers: annotator.headers,
    });
    const task: Task | null = response.json().task;
    if (!task) return;
    const submit = await h.app.inject({
      method: 'POST',
      url: `/api/leases/${task.leaseId}/submit`,
      headers: annotator.headers,
      payload: { idempotencyKey: randomUUID(), answers: answersFor(task) },
    });
    expect(submit.statusCode).toBe(200);
  }
}

async function exportLines(projectId: string, format: string) {
  const response = await h.app.inject({
    method: 'GET',
    url: `/api/projects/${projectId}/export?format=${format}`,
    headers: researcher.headers,
  });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('application/x-ndjson');
  expect(response.headers['content-disposition']).toMatch(/^attachment; filename=".+\.jsonl"$/);
  return response.body
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe('export', () => {
  it('writes one OpenAI chat line per demonstration: the conversation plus the written reply', async () => {
    const project = await h.project(researcher, { kind: 'demonstration' });
    await h.addMember(researcher, project.id, annotator);
    const conversation = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'user', content: 'Name a colour.' },
    ];
    await h.importItems(researcher, project.id, [
      { id: 'd1', prompt: conversation },
      { id: 'd2', prompt: 'Say yes.' },
    ]);
    await annotate(project.id, (task) => ({
      reply: { type: 'demonstration', text: `Reply to ${task.item.externalId}` },
    }));
    const lines = await exportLines(project.id, 'openai-chat');
    expect(lines).toEqual([
      { messages: [...conversation, { role: 'assistant', content: 'Reply to d1' }] },
      {
        messages: [
          { role: 'user', content: 'Say yes.' },
          { role: 'assistant', content: 'Reply to d2' },
        ],
      },
    ]);
  });

  it('writes one TRL preference line per ordered pair a ranking induces, skipping ties', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    await h.addMember(researcher, project.id, annotator);
    const outputs = ['w', 'x', 'y', 'z'].map((id) => ({ id, content: `answer ${id}` }));
    await h.importItems(researcher, project.id, [{ id: 'r1', prompt: 'Question?', outputs }]);
    // w best; x and y tied; z worst: pairs w>x, w>y, w>z, x>z, y>z (5 of C(4,2) = 6; the tie x=y gives none).
    await annotate(project.id, () => ({
      rank: { type: 'ranking', groups: [['w'], ['x', 'y'], ['z']] },
      quality: { type: 'rating', values: { w: 7, x: 4, y: 4, z: 1 } },
    }));
    const lines = await exportLines(project.id, 'trl-preference');
    const pairs = lines.map((l) => `${l.chosen[0].content} > ${l.rejected[0].content}`);
    expect(pairs).toEqual([
      'answer w > answer x',
      'answer w > answer y',
      'answer w > answer z',
      'answer x > answer z',
      'answer y > answer z',
    ]);
    for (const line of lines) {
      expect(line.prompt).toEqual([{ role: 'user', content: 'Question?' }]);
      expect(line.chosen[0].role).toBe('assistant');
      expect(line.rejected[0].role).toBe('assistant');
    }
  });

  it('pages through every annotation exactly once, however the pages fall', async () => {
    const project = await h.project(researcher, { kind: 'demonstration' });
    await h.addMember(researcher, project.id, annotator);
    const count = 23;
    await h.importItems(
      researcher,
      project.id,
      Array.from({ length: count }, (_, i) => ({ id: `p${i}`, prompt: `Prompt ${i}` })),
    );
    await annotate(project.id, (task) => ({ reply: { type: 'demonstration', text: `r-${task.item.externalId}` } }));
    for (const pageSize of [1, 5, 23, 500]) {
      let text = '';
      for await (const chunk of h.services.exports.lines(project.id, 'openai-chat', pageSize)) text += chunk;
      const replies = text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).messages[1].content);
      expect(replies).toEqual(Array.from({ length: count }, (_, i) => `r-p${i}`));
    }
  });

  it('rejects an unknown format naming the query field', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    const response = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${project.id}/export?format=csv`,
      headers: researcher.headers,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/^querystring\.format/);
  });

  it('does not let annotators export', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    await h.addMember(researcher, project.id, annotator);
    const response = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${project.id}/export?format=trl-preference`,
      headers: annotator.headers,
    });
    expect(response.statusCode).toBe(403);
  });
});
