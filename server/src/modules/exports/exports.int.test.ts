import { gunzipSync } from 'node:zlib';
import { type Answers, exportQuery } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTask, submitTask } from '../../test/annotating.ts';
import { buildTestApp, FakeClock, type TestHarness } from '../../test/test-app.ts';
import { annotateAll, exportLines, requestExport } from './exports.fixtures.ts';
import type { ExportProject } from './exports.types.ts';

let h: TestHarness;
let researcher: Awaited<ReturnType<TestHarness['user']>>;
let annotator: Awaited<ReturnType<TestHarness['user']>>;
const clock = new FakeClock();
beforeAll(async () => {
  h = await buildTestApp({ clock });
  researcher = await h.user('researcher');
  annotator = await h.user('annotator');
});
afterAll(() => h.close());

/** A ranking project (rank question only) with the given items, its members and overlap. */
async function rankingProject(
  lines: { id: string; prompt: unknown; outputs: { id: string; content: string }[] }[],
  overlapTarget = 1,
) {
  const project = await h.project(researcher, {
    kind: 'ranking',
    settings: {
      overlapTarget,
      leaseMinutes: 30,
      ordering: 'import-order',
      questions: [{ id: 'rank', type: 'ranking', label: 'Rank', required: true, allowTies: true }],
    },
  });
  await h.importItems(researcher, project.id, lines);
  return project;
}

const rank = (...groups: string[][]) => ({ rank: { type: 'ranking' as const, groups } });
const outputsOf = (...ids: string[]) => ids.map((id) => ({ id, content: `answer ${id}` }));
const pairText = (line: Record<string, unknown>) =>
  `${(line.chosen as { content: string }[])[0]?.content} > ${(line.rejected as { content: string }[])[0]?.content}`;

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
    await annotateAll(h, annotator, project.id, (task) => ({
      reply: { type: 'demonstration', text: `Reply to ${task.item.externalId}` },
    }));
    expect(await exportLines(h, researcher, project.id, { format: 'openai-chat' })).toEqual([
      { messages: [...conversation, { role: 'assistant', content: 'Reply to d1' }] },
      {
        messages: [
          { role: 'user', content: 'Say yes.' },
          { role: 'assistant', content: 'Reply to d2' },
        ],
      },
    ]);
  });

  it('pairs a ranking as all C(K,2) pairs, best-vs-rest or adjacent groups, never pairing a tie', async () => {
    const project = await rankingProject([{ id: 'r1', prompt: 'Question?', outputs: outputsOf('w', 'x', 'y', 'z') }]);
    await h.addMember(researcher, project.id, annotator);
    // w best; x and y tied; z worst.
    await annotateAll(h, annotator, project.id, () => rank(['w'], ['x', 'y'], ['z']));
    const pairs = async (strategy: string) =>
      (await exportLines(h, researcher, project.id, { format: 'trl-preference', pairs: strategy })).map(pairText);
    const all = ['w > x', 'w > y', 'w > z', 'x > z', 'y > z'].map((p) =>
      p.replace(/(\w) > (\w)/, 'answer $1 > answer $2'),
    );
    expect(await pairs('all')).toEqual(all);
    expect(await exportLines(h, researcher, project.id, { format: 'trl-preference' })).toHaveLength(5);
    expect(await pairs('best-vs-rest')).toEqual(['answer w > answer x', 'answer w > answer y', 'answer w > answer z']);
    expect(await pairs('adjacent')).toEqual([
      'answer w > answer x',
      'answer w > answer y',
      'answer x > answer z',
      'answer y > answer z',
    ]);
  });

  it('forms one consensus per item by majority, keeping only pairs enough annotators agree with', async () => {
    const project = await rankingProject([{ id: 'c1', prompt: 'Q', outputs: outputsOf('a', 'b', 'c') }], 3);
    const judgements = [rank(['a'], ['b'], ['c']), rank(['a'], ['c'], ['b']), rank(['b'], ['a'], ['c'])];
    for (const answers of judgements) {
      const person = await h.user('annotator');
      await h.addMember(researcher, project.id, person);
      await annotateAll(h, person, project.id, () => answers);
    }
    const consensus = (method: string, minAgreement: number) =>
      exportLines(h, researcher, project.id, {
        format: 'trl-preference',
        aggregation: 'consensus',
        consensus: method,
        minAgreement,
      }).then((lines) => lines.map(pairText));
    // a>b 2 of 3, a>c 3 of 3, b>c 2 of 3: Copeland and Bradley-Terry both order a, b, c.
    expect(await consensus('majority', 0.5)).toEqual([
      'answer a > answer b',
      'answer a > answer c',
      'answer b > answer c',
    ]);
    expect(await consensus('majority', 0.9)).toEqual(['answer a > answer c']);
    expect(await consensus('bradley-terry', 0.6)).toEqual([
      'answer a > answer b',
      'answer a > answer c',
      'answer b > answer c',
    ]);
    // Per annotator: 3 rankings x 3 pairs.
    expect(await exportLines(h, researcher, project.id, { format: 'trl-preference' })).toHaveLength(9);
    const [line] = await exportLines(h, researcher, project.id, {
      format: 'rankings',
      aggregation: 'consensus',
      consensus: 'majority',
    });
    expect(line?.annotators).toHaveLength(3);
    expect(line?.agreement).toBeCloseTo((2 / 3 + 1 + 2 / 3) / 3, 6);
  });

  it('takes Llama 2 margins from pairwise strengths and never lets a flagged output be the chosen side', async () => {
    const project = await h.project(researcher, {
      kind: 'ranking',
      settings: {
        overlapTarget: 1,
        leaseMinutes: 30,
        ordering: 'import-order',
        questions: [
          { id: 'better', type: 'pairwise', label: 'Which is better?', required: true, askStrength: true },
          { id: 'issues', type: 'flags', label: 'Issues', required: true },
        ],
      },
    });
    await h.importItems(
      researcher,
      project.id,
      ['f1', 'f2', 'f3', 'f4'].map((id) => ({ id, prompt: `Prompt ${id}`, outputs: outputsOf('a', 'b') })),
    );
    await h.addMember(researcher, project.id, annotator);
    const answers: Record<string, Answers> = {
      f1: {
        better: { type: 'pairwise', verdict: 'preferred', preferred: 'a', strength: 'significantly-better' },
        issues: { type: 'flags', values: { a: [], b: [] } },
      },
      f2: {
        better: { type: 'pairwise', verdict: 'preferred', preferred: 'a', strength: 'slightly-better' },
        issues: { type: 'flags', values: { a: ['harmful-advice'], b: [] } },
      },
      f3: { better: { type: 'pairwise', verdict: 'tie' }, issues: { type: 'flags', values: { a: [], b: [] } } },
      f4: {
        better: { type: 'pairwise', verdict: 'preferred', preferred: 'b', strength: 'better' },
        issues: { type: 'flags', values: { a: [], b: ['satisfies-constraint'] } },
      },
    };
    await annotateAll(h, annotator, project.id, (task) => answers[task.item.externalId] ?? {});
    const pairs = async (query: Record<string, string | boolean>) =>
      (await exportLines(h, researcher, project.id, { format: 'trl-preference', ...query })).map(
        (l) => `${(l.prompt as { content: string }[])[0]?.content}: ${pairText(l)} margin ${l.margin}`,
      );
    expect(await pairs({})).toEqual([
      'Prompt f1: answer a > answer b margin 1',
      'Prompt f4: answer b > answer a margin 0.6667',
    ]);
    expect(await pairs({ skipFlagged: false })).toContain('Prompt f2: answer a > answer b margin 0.3333');
    expect(await pairs({ flags: 'violent,unsafe' })).toHaveLength(3);
    const lines = await exportLines(h, researcher, project.id, { format: 'trl-preference' });
    for (const line of lines) expect(Object.keys(line).sort()).toEqual(['chosen', 'margin', 'prompt', 'rejected']);
    const rankings = await exportLines(h, researcher, project.id, { format: 'rankings', skipFlagged: false });
    const f2 = rankings.find((r) => r.item_id === 'f2')?.outputs as { id: string; flagged: boolean }[];
    expect(f2.map((o) => [o.id, o.flagged])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    const kto = await exportLines(h, researcher, project.id, { format: 'trl-kto' });
    expect(kto.filter((l) => l.label === true)).toHaveLength(2);
  });

  it('keeps only items with enough annotations, and annotations inside the date range', async () => {
    const project = await rankingProject(
      ['m1', 'm2'].map((id) => ({ id, prompt: `Prompt ${id}`, outputs: outputsOf('p', 'q') })),
      2,
    );
    const first = await h.user('annotator');
    const second = await h.user('annotator');
    await h.addMember(researcher, project.id, first);
    await h.addMember(researcher, project.id, second);
    const day = 24 * 3600 * 1000;
    const start = clock.now();
    await annotateAll(h, first, project.id, () => rank(['p'], ['q']));
    clock.advance(2 * day);
    // Two days later the second annotator does m1 only (import order hands out m1 first).
    const task = await nextTask(h, second, project.id);
    expect(task?.item.externalId).toBe('m1');
    expect((await submitTask(h, second, task as NonNullable<typeof task>, rank(['q'], ['p']))).statusCode).toBe(200);
    const items = async (query: Record<string, string | number>) =>
      (await exportLines(h, researcher, project.id, { format: 'raw', ...query })).map((l) => `${l.item_id}`);
    expect(await items({})).toEqual(['m1', 'm1', 'm2']);
    const dayAfter = new Date(start.getTime() + day).toISOString();
    expect(await items({ to: dayAfter })).toEqual(['m1', 'm2']);
    expect(await items({ from: dayAfter })).toEqual(['m1']);
    expect(await items({ minAnnotations: 2 })).toEqual(['m1', 'm1']);
    // The count is taken after the date filter: m1 has only one annotation in the range.
    expect(await items({ from: dayAfter, minAnnotations: 2 })).toEqual([]);
    // A bare date means its midnight UTC: tomorrow's midnight falls between the two sessions.
    expect(await items({ to: dayAfter.slice(0, 10) })).toEqual(['m1', 'm2']);
  });

  it('splits train and test by prompt: no first user turn on both sides, every item on one', async () => {
    const openers = Array.from({ length: 25 }, (_, i) => `Opening question ${i}`);
    // Two items per opener: the bare question and a longer conversation that continues it.
    const lines = openers.flatMap((opener, i) => [
      { id: `s${i}-a`, prompt: opener, outputs: outputsOf('p', 'q') },
      {
        id: `s${i}-b`,
        prompt: [
          { role: 'user', content: opener },
          { role: 'assistant', content: 'Could you say more?' },
          { role: 'user', content: 'Sure, more detail.' },
        ],
        outputs: outputsOf('p', 'q'),
      },
    ]);
    const project = await rankingProject(lines);
    await h.addMember(researcher, project.id, annotator);
    await annotateAll(h, annotator, project.id, () => rank(['p'], ['q']));
    const side = async (split: string, seed = 7) =>
      (await exportLines(h, researcher, project.id, { format: 'trl-preference', split, seed, testFraction: 0.3 })).map(
        (l) => (l.prompt as { content: string }[])[0]?.content as string,
      );
    const train = await side('train');
    const test = await side('test');
    expect(train.filter((opener) => test.includes(opener))).toEqual([]);
    expect(train.length + test.length).toBe(lines.length);
    expect(test.length).toBeGreaterThan(0);
    expect(train.length).toBeGreaterThan(test.length);
    expect(await side('test')).toEqual(test);
    expect(await side('test', 8)).not.toEqual(test);
    expect(await side('all')).toHaveLength(lines.length);
  });

  it('serves a real .jsonl.gz file on gzip=true, without Content-Encoding', async () => {
    const project = await rankingProject([{ id: 'z1', prompt: 'Zip?', outputs: outputsOf('p', 'q', 'r') }]);
    await h.addMember(researcher, project.id, annotator);
    await annotateAll(h, annotator, project.id, () => rank(['p'], ['q'], ['r']));
    const plain = await requestExport(h, researcher, project.id, { format: 'hh-rlhf' });
    const zipped = await requestExport(h, researcher, project.id, { format: 'hh-rlhf', gzip: true, split: 'train' });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers['content-type']).toBe('application/gzip');
    expect(zipped.headers['content-encoding']).toBeUndefined();
    expect(zipped.headers['content-disposition']).toMatch(/^attachment; filename=".+\.hh-rlhf\.train\.jsonl\.gz"$/);
    expect(plain.headers['content-disposition']).toMatch(/^attachment; filename=".+\.hh-rlhf\.jsonl"$/);
    // The only prompt lands on one side; whichever it is, train is all or nothing of it.
    const unzipped = gunzipSync(zipped.rawPayload).toString('utf8');
    expect(['', plain.body]).toContain(unzipped);
    expect(plain.body.trim().split('\n')).toHaveLength(3);
  });

  it('gives each annotator a stable pseudonym: not the email or uuid, the same in every export, new per project', async () => {
    const lines = [{ id: 'p1', prompt: 'Who?', outputs: outputsOf('p', 'q') }];
    const one = await rankingProject(lines);
    const two = await rankingProject(lines);
    for (const project of [one, two]) {
      await h.addMember(researcher, project.id, annotator);
      await annotateAll(h, annotator, project.id, () => rank(['p'], ['q']));
    }
    const pseudonym = async (projectId: string) =>
      (await exportLines(h, researcher, projectId, { format: 'raw' }))[0]?.annotator as string;
    const first = await pseudonym(one.id);
    expect(first).toMatch(/^ann-[0-9a-f]{16}$/);
    expect(first).not.toContain(annotator.id);
    expect(first).not.toContain(annotator.email);
    expect(await pseudonym(one.id)).toBe(first);
    expect(await pseudonym(two.id)).not.toBe(first);
    const [ranking] = await exportLines(h, researcher, one.id, { format: 'rankings' });
    expect(ranking?.annotators).toEqual([first]);
  });

  it('pages through every item exactly once, however the pages fall', async () => {
    const project = await h.project(researcher, { kind: 'demonstration' });
    await h.addMember(researcher, project.id, annotator);
    const count = 23;
    await h.importItems(
      researcher,
      project.id,
      Array.from({ length: count }, (_, i) => ({ id: `p${i}`, prompt: `Prompt ${i}` })),
    );
    await annotateAll(h, annotator, project.id, (task) => ({
      reply: { type: 'demonstration', text: `r-${task.item.externalId}` },
    }));
    const target = project as unknown as ExportProject;
    const { fileFormat: _, ...options } = exportQuery.parse({ format: 'openai-chat' });
    for (const pageSize of [1, 5, 23, 500]) {
      let text = '';
      for await (const chunk of h.services.exports.lines(target, options, pageSize)) text += chunk;
      const replies = text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).messages[1].content);
      expect(replies).toEqual(Array.from({ length: count }, (_, i) => `r-p${i}`));
    }
  });

  it('refuses a preference format on a demonstration project before sending anything', async () => {
    const project = await h.project(researcher, { kind: 'demonstration' });
    const response = await requestExport(h, researcher, project.id, { format: 'trl-preference' });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('export.format_needs_kind');
  });

  it.each([
    ['format', { format: 'csv' }],
    ['pairs', { format: 'trl-preference', pairs: 'random' }],
    ['minAgreement', { format: 'trl-preference', minAgreement: 2 }],
    ['to', { format: 'raw', from: '2026-02-01', to: '2026-01-01' }],
    ['testFraction', { format: 'raw', split: 'test', testFraction: 1 }],
  ])('rejects a bad %s naming the query field', async (field, query) => {
    const project = await h.project(researcher, { kind: 'ranking' });
    const response = await requestExport(h, researcher, project.id, query);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(new RegExp(`^querystring\\.${field}`));
  });

  it('does not let annotators export', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    await h.addMember(researcher, project.id, annotator);
    const response = await requestExport(h, annotator, project.id, { format: 'trl-preference' });
    expect(response.statusCode).toBe(403);
  });
});
