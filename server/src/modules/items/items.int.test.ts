import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, rankingLine, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
let researcher: Awaited<ReturnType<TestHarness['user']>>;
beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
});
afterAll(() => h.close());

async function itemCount(projectId: string) {
  const response = await h.app.inject({
    method: 'GET',
    url: `/api/projects/${projectId}`,
    headers: researcher.headers,
  });
  return response.json().progress.items as number;
}

describe('import', () => {
  it('imports string prompts and conversations, with outputs', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    const response = await h.importItems(researcher, project.id, [
      rankingLine('a'),
      { ...rankingLine('b', 2), prompt: 'plain text prompt', metadata: { source: 'test' } },
    ]);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ lines: 2, created: 2, existing: 0 });
    expect(await itemCount(project.id)).toBe(2);
  });

  it('does not duplicate an item imported again under the same id', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    await h.importItems(researcher, project.id, [rankingLine('a'), rankingLine('b')]);
    const again = await h.importItems(researcher, project.id, [rankingLine('b'), rankingLine('c')]);
    expect(again.json()).toEqual({ lines: 2, created: 1, existing: 1 });
    expect(await itemCount(project.id)).toBe(3);
  });

  it('rejects a file with bad lines whole, naming each line and field, and writes nothing', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    const body = [
      JSON.stringify(rankingLine('good-1')),
      '{ not json',
      JSON.stringify({ id: 'no-prompt', outputs: rankingLine('x').outputs }),
      '',
      JSON.stringify({ ...rankingLine('one-output'), outputs: [{ id: 'a', content: 'x' }] }),
      JSON.stringify({ ...rankingLine('bad-role'), prompt: [{ role: 'robot', content: 'hi' }] }),
      JSON.stringify(rankingLine('good-1')),
    ].join('\n');
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/imports`,
      headers: { ...researcher.headers, 'content-type': 'application/x-ndjson' },
      payload: body,
    });
    expect(response.statusCode).toBe(422);
    const { error } = response.json();
    expect(error.code).toBe('import.invalid_lines');
    const byLine = new Map<number, string>(
      error.details.problems.map((p: { line: number; field: string }) => [p.line, p.field]),
    );
    expect(byLine.get(2)).toBe('(line)');
    expect(byLine.get(3)).toBe('prompt');
    expect(byLine.get(5)).toBe('outputs');
    expect(byLine.get(6)).toMatch(/^prompt/);
    expect(byLine.get(7)).toBe('id');
    expect(byLine.has(1)).toBe(false);
    expect(error.details.badLines).toBe(5);
    expect(await itemCount(project.id)).toBe(0);
  });

  it('accepts demonstration items without outputs but requires 2..9 outputs for ranking', async () => {
    const demo = await h.project(researcher, { kind: 'demonstration' });
    const ok = await h.importItems(researcher, demo.id, [{ id: 'd1', prompt: 'Write a poem' }]);
    expect(ok.statusCode).toBe(200);
    const ranking = await h.project(researcher, { kind: 'ranking' });
    const bad = await h.importItems(researcher, ranking.id, [{ id: 'r1', prompt: 'Write a poem' }]);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.problems[0]).toMatchObject({ line: 1, field: 'outputs' });
    const ten = await h.importItems(researcher, ranking.id, [rankingLine('r2', 10)]);
    expect(ten.json().error.details.problems[0]).toMatchObject({ line: 1, field: 'outputs' });
  });

  it('rejects a whole file whose items do not fit the template, naming line, field and question', async () => {
    const preference = { id: 'preference', type: 'pairwise', label: 'Which is better?' } as const;
    const project = await h.project(researcher, { kind: 'ranking', settings: { questions: [preference] } });
    const response = await h.importItems(researcher, project.id, [
      rankingLine('pair', 2),
      rankingLine('three', 3),
      {
        ...rankingLine('ends-on-assistant', 2),
        prompt: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello!' },
        ],
      },
    ]);
    expect(response.statusCode).toBe(422);
    const { problems, badLines } = response.json().error.details;
    expect(badLines).toBe(2);
    expect(problems).toEqual([
      {
        line: 2,
        field: 'outputs',
        message: 'question "preference" (pairwise) needs exactly 2 outputs, got 3',
        code: 'output_count',
        params: { min: 2, max: 2, count: 3, question: 'preference' },
      },
      expect.objectContaining({ line: 3, field: 'prompt.1.role' }),
    ]);
    expect(await itemCount(project.id)).toBe(0);
    expect((await h.importItems(researcher, project.id, [rankingLine('pair', 2)])).statusCode).toBe(200);
  });

  it('lets only the project researchers import', async () => {
    const project = await h.project(researcher);
    const annotator = await h.user('annotator');
    await h.addMember(researcher, project.id, annotator);
    const response = await h.importItems(annotator, project.id, [rankingLine('a')]);
    expect(response.statusCode).toBe(403);
    const outsider = await h.user('researcher');
    expect((await h.importItems(outsider, project.id, [rankingLine('a')])).statusCode).toBe(404);
  });

  it('rejects an empty file with a clear error', async () => {
    const project = await h.project(researcher);
    const response = await h.importItems(researcher, project.id, []);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('import.empty');
  });
});
