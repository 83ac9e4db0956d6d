import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { importPreviewSchema } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, rankingLine, type SignedIn, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
let researcher: SignedIn;
beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
}, 120_000);
afterAll(() => h.close());

const jsonl = (lines: unknown[]) => `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;

function preview(who: SignedIn | undefined, projectId: string, payload: string | Buffer | Readable, query = '') {
  return h.app.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/import-preview${query}`,
    headers: { ...(who?.headers ?? {}), 'content-type': 'application/x-ndjson' },
    payload,
  });
}

const itemCount = async (projectId: string) =>
  (await h.app.inject({ method: 'GET', url: `/api/projects/${projectId}`, headers: researcher.headers })).json()
    .progress.items;

describe('import preview', () => {
  it('shows the first lines parsed and checked, with line problems and counts, and stores nothing', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    const lines: unknown[] = Array.from({ length: 30 }, (_, i) => ({
      ...rankingLine(`p-${i}`, 2),
      metadata: { source: 'unit', n: i },
    }));
    lines[2] = { ...rankingLine('bad', 2), outputs: [{ id: 'a', content: 'only one' }] };
    lines[3] = { id: 'not-json-object' };
    const response = await preview(researcher, project.id, jsonl(lines), '?lines=5');
    expect(response.statusCode, response.body).toBe(200);
    const body = importPreviewSchema.parse(response.json());
    expect(body).toMatchObject({ format: 'feedbench', detectedFormat: 'feedbench', gzip: false, complete: false });
    expect(body.validLines).toBe(3);
    expect(body.badLines).toBe(2);
    expect(body.items.map((i) => i.externalId)).toEqual(['p-0', 'p-1', 'p-4']);
    expect(body.items[0]?.outputs).toHaveLength(2);
    expect(body.items[0]?.metadata).toBe('{"source":"unit","n":0}');
    expect(new Set(body.problems.map((p) => p.line))).toEqual(new Set([3, 4]));
    expect(body.problems.find((p) => p.line === 4)?.field).toBe('prompt');
    expect(await itemCount(project.id)).toBe(0);
  }, 60_000);

  it('reads gzip, tells a whole short file from a head, and detects another format than the one chosen', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    const whole = await preview(
      researcher,
      project.id,
      gzipSync(jsonl([rankingLine('g-1', 2), rankingLine('g-2', 2)])),
    );
    expect(whole.json()).toMatchObject({ gzip: true, complete: true, validLines: 2, badLines: 0 });

    // The browser sends a head of a bigger file: its cut last line is not shown as a problem.
    const text = jsonl([rankingLine('h-1', 2), rankingLine('h-2', 2)]);
    const head = await preview(researcher, project.id, text.slice(0, text.length - 20), '?partial=true');
    expect(head.json()).toMatchObject({ complete: false, validLines: 1, badLines: 0 });

    const hh = { chosen: '\n\nHuman: hi\n\nAssistant: hello', rejected: '\n\nHuman: hi\n\nAssistant: go away' };
    const mismatch = importPreviewSchema.parse((await preview(researcher, project.id, jsonl([hh]))).json());
    expect(mismatch.detectedFormat).toBe('hh-rlhf');
    expect(mismatch.badLines).toBe(1);
    const asHh = importPreviewSchema.parse(
      (await preview(researcher, project.id, jsonl([hh]), '?format=hh-rlhf')).json(),
    );
    expect(asHh).toMatchObject({ format: 'hh-rlhf', validLines: 1, refusal: null });
    expect(asHh.items[0]?.outputs).toHaveLength(2);
  }, 60_000);

  it('reads only the head of a huge body, and refuses people who may not import', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    const line = Buffer.from(`${JSON.stringify(rankingLine('x'.repeat(100), 2))}\n`);
    const pulled = { bytes: 0 };
    const body = new Readable({
      read() {
        if (pulled.bytes >= 100 * 1024 * 1024) return this.push(null);
        pulled.bytes += line.length * 64;
        this.push(Buffer.concat(Array.from({ length: 64 }, () => line)));
      },
    });
    const response = await preview(researcher, project.id, body, '?lines=3');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ validLines: 3, complete: false });
    expect(pulled.bytes).toBeLessThan(2 * 1024 * 1024);

    const annotator = await h.user('annotator');
    expect((await preview(annotator, project.id, jsonl([rankingLine('a', 2)]))).statusCode).toBe(404);
    expect((await preview(undefined, project.id, jsonl([rankingLine('a', 2)]))).statusCode).toBe(401);
    const tooMany = await preview(researcher, project.id, jsonl([rankingLine('a', 2)]), '?lines=500');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.message).toMatch(/lines/);
  }, 60_000);
});
