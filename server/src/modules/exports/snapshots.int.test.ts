import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestHarness } from '../../test/test-app.ts';
import { annotateAll } from './exports.fixtures.ts';

let h: TestHarness;
let researcher: Awaited<ReturnType<TestHarness['user']>>;
beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
});
afterAll(() => h.close());

const outputs = [
  { id: 'p', model: 'model-p', content: 'Pro.' },
  { id: 'q', model: 'model-q', content: 'Con.' },
];
const bestFirst = () => ({
  rank: { type: 'ranking' as const, groups: [['p'], ['q']] },
  quality: { type: 'rating' as const, values: { p: 6, q: 2 } },
});

function get(url: string, person = researcher) {
  return h.app.inject({ method: 'GET', url, headers: person.headers });
}

function snapshot(projectId: string, body: Record<string, unknown>) {
  return h.app.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/snapshots`,
    headers: researcher.headers,
    payload: body,
  });
}

describe('dataset snapshots', () => {
  it('never change once taken: same bytes and hash after more annotations arrive; a new one differs', async () => {
    const project = await h.project(researcher, { kind: 'ranking', name: 'Snapshot project' });
    await h.importItems(
      researcher,
      project.id,
      Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, prompt: `Prompt number ${i}`, outputs })),
    );
    const first = await h.user('annotator');
    await h.addMember(researcher, project.id, first);
    await annotateAll(h, first, project.id, bestFirst);

    const created = await snapshot(project.id, {
      name: 'v1',
      format: 'trl-preference',
      split: 'train',
      testFraction: 0.3,
      seed: 3,
      license: 'cc-by-4.0',
      description: 'Twelve preference pairs.',
    });
    expect(created.statusCode, created.body).toBe(201);
    const v1 = created.json();
    expect(v1.files.map((f: { name: string }) => f.name)).toEqual(['train.jsonl', 'test.jsonl']);
    expect(v1.files.reduce((sum: number, f: { lines: number }) => sum + f.lines, 0)).toBe(12);
    expect(v1.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const base = `/api/projects/${project.id}/snapshots/${v1.id}`;
    const before = (await get(`${base}/files/train.jsonl`)).body;
    expect(before.trim().split('\n')).toHaveLength(v1.files[0].lines);

    // More work arrives: the project overlap grows and a second annotator ranks everything.
    await h.app.inject({
      method: 'PATCH',
      url: `/api/projects/${project.id}`,
      headers: researcher.headers,
      payload: { overlapTarget: 2 },
    });
    const second = await h.user('annotator');
    await h.addMember(researcher, project.id, second);
    await annotateAll(h, second, project.id, bestFirst);

    expect((await get(`${base}/files/train.jsonl`)).body).toBe(before);
    expect((await get(base)).json().contentHash).toBe(v1.contentHash);
    const v2 = (await snapshot(project.id, { name: 'v2', format: 'trl-preference' })).json();
    expect(v2.files).toEqual([expect.objectContaining({ name: 'data.jsonl', lines: 24 })]);
    expect(v2.contentHash).not.toBe(v1.contentHash);
    const list = (await get(`/api/projects/${project.id}/snapshots`)).json().snapshots;
    expect(list.map((s: { name: string }) => s.name).sort()).toEqual(['v1', 'v2']);

    const again = await snapshot(project.id, { name: 'v1', format: 'raw' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('snapshot.name_taken');
  });

  it('serves each file as text or as a real .gz, and a Hugging Face style card', async () => {
    const project = await h.project(researcher, { kind: 'ranking', name: 'Card project' });
    await h.importItems(researcher, project.id, [{ id: 'c1', prompt: 'Card?', outputs }]);
    await h.app.inject({
      method: 'PATCH',
      url: `/api/projects/${project.id}`,
      headers: researcher.headers,
      payload: { overlapTarget: 2 },
    });
    for (let i = 0; i < 2; i++) {
      const person = await h.user('annotator');
      await h.addMember(researcher, project.id, person);
      await annotateAll(h, person, project.id, bestFirst);
    }
    const taken = (await snapshot(project.id, { name: 'card-v1', format: 'rankings', license: 'mit' })).json();
    const base = `/api/projects/${project.id}/snapshots/${taken.id}/files`;
    const plain = await get(`${base}/data.jsonl`);
    const zipped = await get(`${base}/data.jsonl?gzip=true`);
    expect(zipped.headers['content-type']).toBe('application/gzip');
    expect(zipped.headers['content-disposition']).toBe('attachment; filename="card-v1.data.jsonl.gz"');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
    expect(plain.body.trim().split('\n')).toHaveLength(2);

    const card = (await get(`${base}/README.md`)).body;
    expect(card).toMatch(/^---\nlicense: mit\n/);
    expect(card).toContain('  - split: train\n    path: data.jsonl');
    expect(card).toContain('annotators: 2 (pseudonymous ids)');
    expect(card).toMatch(/\| pairwise agreement \(ranking\) \| 1\.000 \| .* \| 1 \|/);
    expect(card).toContain('| model-p | 2 |');
    expect(card).toContain(taken.contentHash);
    expect(taken.statistics).toMatchObject({
      items: 1,
      annotations: 2,
      annotators: 2,
      ratings: { quality: { 6: 2, 2: 2 } },
    });

    expect((await get(`${base}/other.jsonl`)).statusCode).toBe(404);
    expect((await get(`/api/projects/${project.id}/snapshots/${crypto.randomUUID()}`)).statusCode).toBe(404);
    const annotator = await h.user('annotator');
    await h.addMember(researcher, project.id, annotator);
    expect((await get(`/api/projects/${project.id}/snapshots`, annotator)).statusCode).toBe(403);
  });

  it('reports how often annotators agree with the reference labels of an imported dataset', async () => {
    const project = await h.project(researcher, {
      kind: 'ranking',
      settings: {
        overlapTarget: 1,
        leaseMinutes: 30,
        ordering: 'import-order',
        questions: [{ id: 'rank', type: 'ranking', label: 'Rank', required: true, allowTies: true }],
      },
    });
    const lines = ['one', 'two', 'three', 'four'].map((n) => ({
      prompt: `Q ${n}?`,
      chosen: `Good ${n}`,
      rejected: `Bad ${n}`,
    }));
    await h.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/imports?format=trl-preference`,
      headers: { ...researcher.headers, 'content-type': 'application/x-ndjson' },
      payload: lines.map((l) => JSON.stringify(l)).join('\n'),
    });
    const annotator = await h.user('annotator');
    await h.addMember(researcher, project.id, annotator);
    // Agrees on the first three items, disagrees on "four".
    await annotateAll(h, annotator, project.id, (task) => {
      const good = task.outputs.find((o) => o.content.startsWith('Good'))?.id as string;
      const bad = task.outputs.find((o) => o.id !== good)?.id as string;
      return {
        rank: {
          type: 'ranking',
          groups: task.conversation[0]?.content === 'Q four?' ? [[bad], [good]] : [[good], [bad]],
        },
      };
    });
    const summary = (await get(`/api/projects/${project.id}/export/summary?format=trl-preference`)).json();
    expect(summary.reference).toEqual({ judgements: 4, agreeing: 3, rate: 0.75 });
    expect(summary).toMatchObject({ items: 4, lines: 4, annotations: 4, annotators: 1 });
  });
});
