import type { Answers, Task } from '@feedbench/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goldAnswers, items } from '../../db/schema/index.ts';
import { asShown, nextTask, type Person, submitTask, withRealIds } from '../../test/annotating.ts';
import { buildTestApp, type TestHarness } from '../../test/test-app.ts';
import { exportLines } from './exports.fixtures.ts';

// The dataset filters: review verdicts, corrections, adjudications, gold items, metadata and item agreement.

let h: TestHarness;
let researcher: Person;
let reviewer: Person;
let a: Person;
let b: Person;
let rankingId: string;
let demonstrationId: string;
/** `${annotator}:${item}` -> annotation id. */
const annotationIds: Record<string, string> = {};
const itemIds: Record<string, string> = {};

const rank = (...groups: string[][]): Answers => ({ rank: { type: 'ranking', groups } });
// A and B agree on i1 and i3, disagree on i2; i4 becomes a gold item.
const answers: Record<string, Record<string, Answers>> = {
  a: { i1: rank(['x'], ['y']), i2: rank(['x'], ['y']), i3: rank(['x'], ['y']), i4: rank(['x'], ['y']) },
  b: { i1: rank(['x'], ['y']), i2: rank(['y'], ['x']), i3: rank(['x'], ['y']), i4: rank(['x'], ['y']) },
};

async function annotate(person: Person, name: 'a' | 'b', projectId: string, answer: (task: Task) => Answers) {
  for (let task = await nextTask(h, person, projectId); task; task = await nextTask(h, person, projectId)) {
    // Answered in the import file's output ids, sent in the blind ids the annotator was shown.
    const response = await submitTask(h, person, task, await asShown(h, task, answer(await withRealIds(h, task))));
    expect(response.statusCode, response.body).toBe(200);
    annotationIds[`${name}:${task.item.externalId}`] = response.json().annotationId;
    itemIds[task.item.externalId] = task.item.id;
  }
}

const review = (annotationId: string, payload: Record<string, unknown>) =>
  h.app.inject({ method: 'POST', url: `/api/annotations/${annotationId}/review`, headers: reviewer.headers, payload });

beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
  reviewer = await h.user('annotator');
  [a, b] = [await h.user('annotator'), await h.user('annotator')];
  const ranking = await h.project(researcher, {
    kind: 'ranking',
    settings: {
      overlapTarget: 2,
      leaseMinutes: 30,
      ordering: 'import-order',
      questions: [{ id: 'rank', type: 'ranking', label: 'Rank', required: true, allowTies: true }],
    },
  });
  rankingId = ranking.id;
  const outputs = [
    { id: 'x', content: 'X' },
    { id: 'y', content: 'Y' },
  ];
  await h.importItems(researcher, rankingId, [
    { id: 'i1', prompt: 'one', outputs, metadata: { lang: 'en', n: 1 } },
    { id: 'i2', prompt: 'two', outputs, metadata: { lang: 'de', n: 2 } },
    { id: 'i3', prompt: 'three', outputs, metadata: { lang: 'en', n: 3 } },
    { id: 'i4', prompt: 'four', outputs, metadata: { lang: 'en', n: 4 } },
  ]);
  await h.addMember(researcher, rankingId, reviewer, 'reviewer');
  for (const [name, person] of [
    ['a', a],
    ['b', b],
  ] as const) {
    await h.addMember(researcher, rankingId, person);
    await annotate(person, name, rankingId, (task) => answers[name]?.[task.item.externalId] as Answers);
  }
  // i4 is a control item: a gold_answers row makes it gold (arranged in the table: the gold API is not under test).
  await h.database.db
    .insert(goldAnswers)
    .values({ itemId: itemIds.i4 as string, projectId: rankingId, answers: rank(['x'], ['y']) });

  const demonstration = await h.project(researcher, { kind: 'demonstration' });
  demonstrationId = demonstration.id;
  await h.importItems(researcher, demonstrationId, [{ id: 'd1', prompt: 'Say hi' }]);
  await h.addMember(researcher, demonstrationId, reviewer, 'reviewer');
  await h.addMember(researcher, demonstrationId, a);
  await annotate(a, 'a', demonstrationId, () => ({ reply: { type: 'demonstration', text: 'helo' } }));
}, 180_000);
afterAll(() => h.close());

const pairsOf = (lines: Record<string, unknown>[]) =>
  lines.map((l) => {
    const prompt = (l.prompt as { content: string }[]).at(-1)?.content;
    return `${prompt}:${(l.chosen as { content: string }[])[0]?.content}>${(l.rejected as { content: string }[])[0]?.content}`;
  });

describe('export filters', () => {
  it('leaves gold items out unless asked, filters by metadata and by item agreement', async () => {
    const all = await exportLines(h, researcher, rankingId, { format: 'trl-preference' });
    expect(pairsOf(all).sort()).toEqual(['one:X>Y', 'one:X>Y', 'three:X>Y', 'three:X>Y', 'two:X>Y', 'two:Y>X']);
    const withGold = await exportLines(h, researcher, rankingId, { format: 'trl-preference', includeGold: true });
    expect(pairsOf(withGold).filter((p) => p.startsWith('four'))).toHaveLength(2);
    const german = await exportLines(h, researcher, rankingId, { format: 'trl-preference', metadata: 'lang=de' });
    expect(pairsOf(german).sort()).toEqual(['two:X>Y', 'two:Y>X']);
    const numeric = await exportLines(h, researcher, rankingId, { format: 'trl-preference', metadata: 'lang=en,n=3' });
    expect(pairsOf(numeric)).toEqual(['three:X>Y', 'three:X>Y']);
    const agreed = await exportLines(h, researcher, rankingId, { format: 'trl-preference', minItemAgreement: 1 });
    expect(pairsOf(agreed).sort()).toEqual(['one:X>Y', 'one:X>Y', 'three:X>Y', 'three:X>Y']);
  });

  it('names the field of a malformed metadata filter', async () => {
    const response = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${rankingId}/export?format=raw&metadata=nokey`,
      headers: researcher.headers,
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('metadata');
  });

  it('never exports a rejected annotation, and keeps only reviewed work when asked', async () => {
    expect(
      (await review(annotationIds['b:i2'] as string, { verdict: 'rejected', comment: 'backwards' })).statusCode,
    ).toBe(201);
    expect((await review(annotationIds['a:i1'] as string, { verdict: 'accepted' })).statusCode).toBe(201);
    const all = await exportLines(h, researcher, rankingId, { format: 'trl-preference' });
    expect(pairsOf(all).filter((p) => p.startsWith('two'))).toEqual(['two:X>Y']);
    const raw = await exportLines(h, researcher, rankingId, { format: 'raw' });
    expect(raw.map((l) => l.annotation_id)).not.toContain(annotationIds['b:i2']);
    expect(raw.find((l) => l.annotation_id === annotationIds['a:i1'])?.review).toBe('accepted');
    const reviewed = await exportLines(h, researcher, rankingId, { format: 'trl-preference', reviewedOnly: true });
    expect(pairsOf(reviewed)).toEqual(['one:X>Y']);
  });

  it('says in the summary what the export leaves out, by reason', async () => {
    // State from the test above: b's i2 rejected, a's i1 accepted, i4 gold; 6 annotations on i1-i3.
    const summary = async (query: string) => {
      const response = await h.app.inject({
        method: 'GET',
        url: `/api/projects/${rankingId}/export/summary?format=trl-preference${query}`,
        headers: researcher.headers,
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    const plain = await summary('');
    expect(plain.excluded).toEqual({
      goldItems: 1,
      rejectedAnnotations: 1,
      unreviewedAnnotations: 0,
      belowGoldAccuracyAnnotations: 0,
      unannotatedItems: 0,
      filteredItems: 0,
      itemsWithoutLines: 0,
      flaggedOutputs: 0,
    });
    expect(plain.lines).toBe(5);
    const reviewedOnly = await summary('&reviewedOnly=true&includeGold=true');
    // Unreviewed: 8 annotations with gold, less the rejected one and the accepted one.
    expect(reviewedOnly.excluded).toMatchObject({ goldItems: 0, unreviewedAnnotations: 6, filteredItems: 3 });
    expect((await summary('&metadata=lang=de')).excluded).toMatchObject({ filteredItems: 0 });
    expect((await summary('&minAnnotations=2')).excluded).toMatchObject({ filteredItems: 1 });
  });

  it("prefers a reviewer's corrected answer, and raw lines keep both", async () => {
    const corrected = await review(annotationIds['a:d1'] as string, {
      verdict: 'corrected',
      correctedAnswers: { reply: { type: 'demonstration', text: 'hello' } },
    });
    expect(corrected.statusCode, corrected.body).toBe(201);
    const chat = await exportLines(h, researcher, demonstrationId, { format: 'openai-chat' });
    expect(chat.map((l) => (l.messages as { content: string }[]).at(-1)?.content)).toEqual(['hello']);
    const original = await exportLines(h, researcher, demonstrationId, {
      format: 'openai-chat',
      preferCorrected: false,
    });
    expect(original.map((l) => (l.messages as { content: string }[]).at(-1)?.content)).toEqual(['helo']);
    const [raw] = await exportLines(h, researcher, demonstrationId, { format: 'raw' });
    expect(raw?.answers).toEqual({ reply: { type: 'demonstration', text: 'helo' } });
    expect(raw?.corrected_answers).toEqual({ reply: { type: 'demonstration', text: 'hello' } });
    expect(raw?.review).toBe('corrected');
  });

  it("uses an item's adjudicated answers in place of its annotators' judgements", async () => {
    const adjudicated = await h.app.inject({
      method: 'PUT',
      url: `/api/projects/${rankingId}/adjudication/items/${itemIds.i3}`,
      headers: reviewer.headers,
      payload: { answers: rank(['y'], ['x']) },
    });
    expect(adjudicated.statusCode, adjudicated.body).toBe(200);
    const lines = await exportLines(h, researcher, rankingId, { format: 'trl-preference' });
    expect(pairsOf(lines).filter((p) => p.startsWith('three'))).toEqual(['three:Y>X']);
    const annotators = await exportLines(h, researcher, rankingId, {
      format: 'trl-preference',
      preferAdjudicated: false,
    });
    expect(pairsOf(annotators).filter((p) => p.startsWith('three'))).toEqual(['three:X>Y', 'three:X>Y']);
  });

  it('counts the items nobody annotated from the counters, gold ones only when gold is included', async () => {
    const outputs = [
      { id: 'x', content: 'X' },
      { id: 'y', content: 'Y' },
    ];
    await h.importItems(researcher, rankingId, [
      { id: 'i5', prompt: 'five', outputs },
      { id: 'i6', prompt: 'six', outputs },
    ]);
    const [six] = await h.database.db
      .select({ id: items.id })
      .from(items)
      .where(and(eq(items.projectId, rankingId), eq(items.externalId, 'i6')));
    await h.database.db
      .insert(goldAnswers)
      .values({ itemId: six?.id as string, projectId: rankingId, answers: rank(['x'], ['y']) });
    const excluded = async (query: string) =>
      (
        await h.app.inject({
          method: 'GET',
          url: `/api/projects/${rankingId}/export/summary?format=trl-preference${query}`,
          headers: researcher.headers,
        })
      ).json().excluded;
    expect(await excluded('')).toMatchObject({ unannotatedItems: 1, goldItems: 1 });
    expect(await excluded('&includeGold=true')).toMatchObject({ unannotatedItems: 2, goldItems: 0 });
  });
});
