import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  type Answers,
  type ExportFormat,
  exportLineSchemas,
  RANKING_EXPORT_FORMATS,
  type Task,
} from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestHarness } from '../../test/test-app.ts';
import { annotateAll, ManualClock, requestExport } from './exports.fixtures.ts';

// Golden files: the exact lines each format writes for a small fixture project, checked in under golden/.
// UPDATE_GOLDEN=1 rewrites them; review the diff like code.
const goldenDir = path.join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

let h: TestHarness;
let researcher: Awaited<ReturnType<TestHarness['user']>>;
const projects: Record<'ranking' | 'demonstration', string> = { ranking: '', demonstration: '' };
const clock = new ManualClock('2026-03-01T09:00:00.000Z');

// Two annotators rank both items; B disagrees on g1's top and ties g2.
const rankingAnswers: Record<string, Record<string, Answers>> = {
  A: {
    g1: {
      rank: { type: 'ranking', groups: [['red'], ['blue'], ['turtles']] },
      quality: { type: 'rating', values: { red: 6, blue: 5, turtles: 1 } },
    },
    g2: {
      rank: { type: 'ranking', groups: [['yes'], ['no']] },
      quality: { type: 'rating', values: { yes: 7, no: 1 } },
    },
  },
  B: {
    g1: {
      rank: { type: 'ranking', groups: [['blue'], ['red'], ['turtles']] },
      quality: { type: 'rating', values: { red: 5, blue: 6, turtles: 2 } },
    },
    g2: {
      rank: { type: 'ranking', groups: [['yes', 'no']] },
      quality: { type: 'rating', values: { yes: 4, no: 4 } },
    },
  },
};

beforeAll(async () => {
  h = await buildTestApp({ clock });
  researcher = await h.user('researcher');
  const [a, b, writer] = [await h.user('annotator'), await h.user('annotator'), await h.user('annotator')];

  const ranking = await h.project(researcher, {
    name: 'Golden ranking',
    kind: 'ranking',
    settings: {
      overlapTarget: 2,
      leaseMinutes: 30,
      ordering: 'import-order',
      questions: [
        { id: 'rank', type: 'ranking', label: 'Rank', required: true, allowTies: true },
        { id: 'quality', type: 'rating', label: 'Quality', required: true, scope: 'output', min: 1, max: 7 },
      ],
    },
  });
  projects.ranking = ranking.id;
  await h.importItems(researcher, ranking.id, [
    {
      id: 'g1',
      prompt: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Name a colour.' },
      ],
      outputs: [
        { id: 'red', model: 'model-a', content: 'Red.' },
        { id: 'blue', model: 'model-b', content: 'Blue.' },
        { id: 'turtles', model: 'model-c', content: 'I like turtles.' },
      ],
      metadata: { source: 'golden' },
    },
    {
      id: 'g2',
      prompt: 'Say "yes".',
      outputs: [
        { id: 'yes', model: 'model-a', content: 'Yes.' },
        { id: 'no', model: 'model-b', content: 'No.' },
      ],
    },
  ]);
  for (const [name, person] of [
    ['A', a],
    ['B', b],
  ] as const) {
    await h.addMember(researcher, ranking.id, person);
    await annotateAll(h, person, ranking.id, (task: Task) => rankingAnswers[name]?.[task.item.externalId] ?? {}, clock);
  }

  const demonstration = await h.project(researcher, { name: 'Golden demonstrations', kind: 'demonstration' });
  projects.demonstration = demonstration.id;
  await h.importItems(researcher, demonstration.id, [
    {
      id: 'd1',
      prompt: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello! How can I help?' },
        { role: 'user', content: 'Name a prime.' },
      ],
    },
    { id: 'd2', prompt: 'Say "yes".' },
  ]);
  await h.addMember(researcher, demonstration.id, writer);
  await annotateAll(
    h,
    writer,
    demonstration.id,
    (task) => ({ reply: { type: 'demonstration', text: task.item.externalId === 'd1' ? '7.' : 'Yes.' } }),
    clock,
  );
  // PGlite on a machine shared by several test runs can take over a minute to set this up.
}, 180_000);
afterAll(() => h?.close());

/** Random ids become stable placeholders: annotator pseudonyms numbered by first appearance, uuids elided. */
function normalize(body: string): string {
  const annotators = new Map<string, string>();
  return body
    .replace(/ann-[0-9a-f]{16}/g, (id) => {
      if (!annotators.has(id)) annotators.set(id, `ann-${annotators.size + 1}`);
      return annotators.get(id) as string;
    })
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/"display_order":\[[^\]]*\]/g, '"display_order":"<shuffled>"');
}

interface GoldenCase {
  file: string;
  project: keyof typeof projects;
  query: { format: ExportFormat } & Record<string, string | number | boolean>;
}

const cases: GoldenCase[] = [
  ...RANKING_EXPORT_FORMATS.map((format) => ({
    file: `${format}.jsonl`,
    project: 'ranking' as const,
    query: { format },
  })),
  ...(['openai-chat', 'trl-sft', 'trl-sft-text', 'raw'] as const).map((format) => ({
    file: `${format}.demonstration.jsonl`,
    project: 'demonstration' as const,
    query: { format },
  })),
  {
    file: 'rankings.majority.jsonl',
    project: 'ranking',
    query: { format: 'rankings', aggregation: 'consensus', consensus: 'majority', minAgreement: 0 },
  },
  {
    file: 'trl-preference.bradley-terry.jsonl',
    project: 'ranking',
    query: { format: 'trl-preference', aggregation: 'consensus', consensus: 'bradley-terry', minAgreement: 0.5 },
  },
  { file: 'hh-rlhf.adjacent.jsonl', project: 'ranking', query: { format: 'hh-rlhf', pairs: 'adjacent' } },
  { file: 'openai-dpo.best-vs-rest.jsonl', project: 'ranking', query: { format: 'openai-dpo', pairs: 'best-vs-rest' } },
];

describe('export golden files', () => {
  it.each(cases)('writes exactly golden/$file', async ({ file, project, query }) => {
    const response = await requestExport(h, researcher, projects[project], query);
    expect(response.statusCode, response.body).toBe(200);
    const actual = normalize(response.body);
    const goldenPath = path.join(goldenDir, file);
    if (update) writeFileSync(goldenPath, actual);
    expect(actual).toBe(readFileSync(goldenPath, 'utf8'));
  });

  it.each(cases)(
    'every line of $file parses and has exactly the fields its consumer reads',
    async ({ project, query }) => {
      const response = await requestExport(h, researcher, projects[project], query);
      const lines = response.body.split('\n');
      expect(lines.pop()).toBe('');
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        const parsed = exportLineSchemas[query.format].safeParse(JSON.parse(line));
        expect(parsed.error?.issues ?? []).toEqual([]);
      }
    },
  );

  it('writes the rating fields on every preference line of a project with a rating question, and on none without', async () => {
    const withRatings = (await requestExport(h, researcher, projects.ranking, { format: 'trl-preference' })).body;
    for (const line of withRatings.trim().split('\n')) {
      expect(Object.keys(JSON.parse(line)).sort()).toEqual(
        ['chosen', 'margin', 'prompt', 'rejected', 'score_chosen', 'score_rejected'].sort(),
      );
    }
  });

  it('records the display order each annotator saw, as a permutation of the outputs', async () => {
    const response = await requestExport(h, researcher, projects.ranking, { format: 'raw' });
    for (const line of response.body.trim().split('\n')) {
      const record = JSON.parse(line);
      expect([...record.display_order].sort()).toEqual(record.outputs.map((o: { id: string }) => o.id).sort());
    }
  });
});
