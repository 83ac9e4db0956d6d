import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestHarness } from '../../../test/test-app.ts';
import { annotateAll, exportLines } from '../../exports/exports.fixtures.ts';

let h: TestHarness;
let researcher: Awaited<ReturnType<TestHarness['user']>>;
beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
});
afterAll(() => h.close());

function importFile(projectId: string, format: string, lines: unknown[]) {
  return h.app.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/imports?format=${format}`,
    headers: { ...researcher.headers, 'content-type': 'application/x-ndjson' },
    payload: lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'),
  });
}

const rankOnly = {
  overlapTarget: 1,
  leaseMinutes: 30,
  ordering: 'import-order' as const,
  questions: [{ id: 'rank', type: 'ranking' as const, label: 'Rank', required: true, allowTies: true }],
};

describe('import counterparts', () => {
  it('imports TRL preference lines of every shape as two-output items, keeping the chosen side as reference', async () => {
    const project = await h.project(researcher, { kind: 'ranking', settings: rankOnly });
    const lines = [
      {
        prompt: [{ role: 'user', content: 'Conversational?' }],
        chosen: [{ role: 'assistant', content: 'Yes.' }],
        rejected: [{ role: 'assistant', content: 'No.' }],
        score_chosen: 8,
        prompt_id: 'p-1',
      },
      { id: 'standard', prompt: 'Standard?', chosen: 'Sure.', rejected: 'Nope.' },
      {
        chosen: [
          { role: 'user', content: 'Implicit?' },
          { role: 'assistant', content: 'Indeed.' },
        ],
        rejected: [
          { role: 'user', content: 'Implicit?' },
          { role: 'assistant', content: 'Hardly.' },
        ],
      },
    ];
    const response = await importFile(project.id, 'trl-preference', lines);
    expect(response.json()).toEqual({ lines: 3, created: 3, existing: 0 });
    // Again, plus a repeated line: the same items, nothing new, no error.
    const again = await importFile(project.id, 'trl-preference', [...lines, lines[0]]);
    expect(again.json()).toEqual({ lines: 4, created: 0, existing: 4 });

    const annotator = await h.user('annotator');
    await h.addMember(researcher, project.id, annotator);
    // The annotator disagrees with every reference: the second output id first.
    await annotateAll(h, annotator, project.id, (task) => ({
      rank: { type: 'ranking', groups: [[task.outputs[1]?.id as string], [task.outputs[0]?.id as string]] },
    }));
    const raw = await exportLines(h, researcher, project.id, { format: 'raw' });
    expect(raw.map((r) => r.item_id)).toEqual([
      expect.stringMatching(/^pref-/),
      'standard',
      expect.stringMatching(/^pref-/),
    ]);
    expect(raw[0]?.metadata).toEqual({ score_chosen: 8, prompt_id: 'p-1' });
    const chosenOf = (r: Record<string, unknown>) => {
      const outputs = r.outputs as { id: string; content: string }[];
      const reference = r.reference as { groups: string[][] };
      return outputs.find((o) => o.id === reference.groups[0]?.[0])?.content;
    };
    expect(raw.map(chosenOf)).toEqual(['Yes.', 'Sure.', 'Indeed.']);
    expect(raw.map((r) => r.prompt)).toEqual([
      [{ role: 'user', content: 'Conversational?' }],
      [{ role: 'user', content: 'Standard?' }],
      [{ role: 'user', content: 'Implicit?' }],
    ]);
  });

  it('imports OpenAI chat lines as demonstration items whose last assistant turn is the reference', async () => {
    const project = await h.project(researcher, { kind: 'demonstration' });
    const messages = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
    ];
    expect((await importFile(project.id, 'openai-chat', [{ messages }])).json()).toMatchObject({ created: 1 });
    const writer = await h.user('annotator');
    await h.addMember(researcher, project.id, writer);
    await annotateAll(h, writer, project.id, () => ({ reply: { type: 'demonstration', text: 'Hey.' } }));
    const [raw] = await exportLines(h, researcher, project.id, { format: 'raw' });
    expect(raw?.prompt).toEqual(messages.slice(0, 2));
    expect(raw?.reference).toEqual({ type: 'demonstration', text: 'Hello!' });
    const ranking = await h.project(researcher, { kind: 'ranking' });
    const refused = await importFile(ranking.id, 'openai-chat', [{ messages }]);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('import.format_needs_kind');
  });

  it('names the line and field of every line it cannot convert, and imports nothing', async () => {
    const project = await h.project(researcher, { kind: 'ranking', settings: rankOnly });
    const response = await importFile(project.id, 'hh-rlhf', [
      { chosen: '\n\nHuman: Hi\n\nAssistant: Hello', rejected: '\n\nHuman: Hi\n\nAssistant: Bye' },
      { chosen: '\n\nHuman: Hi', rejected: '\n\nHuman: Ho' },
      '{"rejected": 3}',
      'not json',
    ]);
    expect(response.statusCode).toBe(422);
    const problems = response.json().error.details.problems as { line: number; field: string }[];
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'chosen'],
      [3, '(line)'],
      [4, '(line)'],
    ]);
  });

  it('rejects an unknown import format naming the query field', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    const response = await importFile(project.id, 'csv', ['{}']);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/^querystring\.format/);
  });
});
