import { type Answers, agreementReportSchema, type Task } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemIdsOf } from '../../modules/gold/gold.fixtures.ts';
import { nextTask, type Person, submitTask } from '../annotating.ts';
import { buildTestApp, FakeClock, rankingLine, type TestHarness } from '../test-app.ts';

/**
 * A best-of-K project end to end over HTTP: import, submit, review, adjudicate, gold, agreement and export. Three
 * items of three outputs (o0..o2), three annotators on each:
 * - `agree`: o1, o1, o1;  `split`: o0, o1, o2;  `mixed`: none, none, o1.
 */
let h: TestHarness;
const clock = new FakeClock();
let researcher: Person;
let annotators: Person[];
beforeAll(async () => {
  h = await buildTestApp({ clock });
  researcher = await h.user('researcher');
  annotators = [await h.user('annotator'), await h.user('annotator'), await h.user('annotator')];
}, 240_000);
afterAll(() => h.close());

const pick = (choice: string | null): Answers => ({ best: { type: 'best-of-k', choice } });
const PICKS: Record<string, (string | null)[]> = {
  agree: ['o1', 'o1', 'o1'],
  split: ['o0', 'o1', 'o2'],
  mixed: [null, null, 'o1'],
};
const get = (url: string) => h.app.inject({ method: 'GET', url, headers: researcher.headers });

async function arrange() {
  const project = await h.project(researcher, {
    kind: 'ranking',
    settings: { overlapTarget: 3, questions: [{ id: 'best', type: 'best-of-k', label: 'Pick the best reply' }] },
  });
  const imported = await h.importItems(researcher, project.id, [
    rankingLine('agree', 3),
    rankingLine('split', 3),
    rankingLine('mixed', 3),
  ]);
  expect(imported.statusCode, imported.body).toBe(200);
  const annotationIds: Record<string, string> = {};
  for (const [n, person] of annotators.entries()) {
    await h.addMember(researcher, project.id, person);
    for (let task = await nextTask(h, person, project.id); task; task = await nextTask(h, person, project.id)) {
      const choice = PICKS[task.item.externalId]?.[n] as string | null;
      const response = await submitTask(h, person, task, pick(choice));
      expect(response.statusCode, response.body).toBe(200);
      annotationIds[`${task.item.externalId}:${n}`] = response.json().annotationId;
    }
  }
  return { project, annotationIds, itemId: await itemIdsOf(h, project.id) };
}

describe('a best-of-K project', () => {
  it('refuses at import an item with fewer than two outputs to pick from, naming the line and the question', async () => {
    const project = await h.project(researcher, {
      kind: 'ranking',
      settings: { questions: [{ id: 'best', type: 'best-of-k', label: 'Pick' }] },
    });
    const response = await h.importItems(researcher, project.id, [rankingLine('ok', 2), rankingLine('one', 1)]);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details.problems).toEqual([
      {
        line: 2,
        field: 'outputs',
        message: 'question "best" (best-of-k) needs 2 to 9 outputs, got 1',
        code: 'output_count',
        params: { min: 2, max: 9, count: 1, question: 'best' },
      },
    ]);
  });

  it('refuses a pick of an output the item does not have, and "none" when the question does not offer it', async () => {
    const project = await h.project(researcher, {
      kind: 'ranking',
      settings: { questions: [{ id: 'best', type: 'best-of-k', label: 'Pick', allowNone: false }] },
    });
    await h.importItems(researcher, project.id, [rankingLine('i1', 3)]);
    const person = await h.user('annotator');
    await h.addMember(researcher, project.id, person);
    const task = (await nextTask(h, person, project.id)) as Task;
    const unknown = await submitTask(h, person, task, pick('o9'));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.code).toBe('annotation.invalid_answers');
    expect(unknown.body).toContain('answers.best.choice');
    const none = await submitTask(h, person, task, pick(null));
    expect(none.statusCode).toBe(422);
    expect(none.json().error.details.problems).toEqual([
      { path: 'answers.best.choice', message: '"none is acceptable" is not offered in this project' },
    ]);
    expect((await submitTask(h, person, task, pick('o2'))).statusCode).toBe(200);
  });

  it('exports the pick as chosen over each other output, "none" as no pair, and the pick as the SFT reply', async () => {
    const { project } = await arrange();
    const exported = async (query: Record<string, string>) => {
      const response = await get(`/api/projects/${project.id}/export?${new URLSearchParams(query)}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.body
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
    };
    // 7 picks of an output (9 answers, 2 "none"), each chosen over the K-1 = 2 others.
    const pairs = await exported({ format: 'trl-preference' });
    expect(pairs).toHaveLength(14);
    const text = (side: unknown) => JSON.stringify(side);
    const agreeLines = pairs.filter((p) => text(p.prompt).includes('Prompt agree'));
    expect(agreeLines).toHaveLength(6);
    for (const line of agreeLines) expect(text(line.chosen)).toContain('Output 1 for agree');
    const mixedLines = pairs.filter((p) => text(p.prompt).includes('Prompt mixed'));
    expect(mixedLines.map((p) => text(p.chosen)).every((c) => c.includes('Output 1 for mixed'))).toBe(true);
    expect(mixedLines).toHaveLength(2);
    expect(await exported({ format: 'openai-dpo' })).toHaveLength(14);

    const rankings = await exported({ format: 'rankings' });
    expect(rankings).toHaveLength(9);
    // The picked output's content is a completion to imitate; a "none" answer gives none.
    const sft = await exported({ format: 'openai-chat' });
    expect(sft).toHaveLength(7);
  });

  it('queues items by pick disagreement, and adjudicates with a pick that must fit the item', async () => {
    const { project } = await arrange();
    const queue = (await get(`/api/projects/${project.id}/adjudication`)).json();
    expect(queue.question).toEqual({ id: 'best', type: 'best-of-k', label: 'Pick the best reply' });
    // split: every pick differs (2 of 3 off the majority); mixed: "none" twice (1 of 3 off); agree: 0.
    expect(queue.entries.map((e: { itemExternalId: string }) => e.itemExternalId)).toEqual(['split', 'mixed', 'agree']);
    expect(queue.entries.map((e: { disagreement: number }) => e.disagreement)).toEqual([
      expect.closeTo(2 / 3, 12),
      expect.closeTo(1 / 3, 12),
      0,
    ]);
    const url = `/api/projects/${project.id}/adjudication/items/${queue.entries[0].itemId}`;
    const item = (await get(url)).json();
    expect(item.disagreement).toBeCloseTo(2 / 3, 12);
    const put = (answers: Answers) =>
      h.app.inject({ method: 'PUT', url, headers: researcher.headers, payload: { answers } });
    const misfit = await put(pick('o7'));
    expect(misfit.statusCode).toBe(422);
    expect(misfit.json().error.code).toBe('adjudication.invalid_answers');
    const settled = await put(pick('o2'));
    expect(settled.statusCode, settled.body).toBe(200);
    expect((await get(url)).json().adjudication.answers).toEqual(pick('o2'));
  });

  it('is reviewed like any annotation', async () => {
    const { annotationIds } = await arrange();
    const review = await h.app.inject({
      method: 'POST',
      url: `/api/annotations/${annotationIds['split:0']}/review`,
      headers: researcher.headers,
      payload: { verdict: 'rejected', comment: 'o0 repeats the prompt.' },
    });
    expect(review.statusCode, review.body).toBe(201);
  });

  it('scores gold picks 1 for the same output (none matches none) and 0 otherwise', async () => {
    const { project, itemId } = await arrange();
    const mark = (externalId: string, answers: Answers) =>
      h.app.inject({
        method: 'PUT',
        url: `/api/projects/${project.id}/items/${itemId.get(externalId)}/gold`,
        headers: researcher.headers,
        payload: { answers },
      });
    expect((await mark('split', pick('o9'))).statusCode).toBe(422);
    expect((await mark('split', pick('o2'))).statusCode).toBe(200);
    expect((await mark('mixed', pick(null))).statusCode).toBe(200);
    const gold = (await get(`/api/projects/${project.id}/gold`)).json();
    const byItem = Object.fromEntries(
      gold.items.map((g: { itemExternalId: string; meanScore: number }) => [g.itemExternalId, g.meanScore]),
    );
    // split: o0, o1, o2 against o2 -> 0, 0, 1; mixed: none, none, o1 against none -> 1, 1, 0.
    expect(byItem.split).toBeCloseTo(1 / 3, 12);
    expect(byItem.mixed).toBeCloseTo(2 / 3, 12);
  });

  it('reports nominal Krippendorff alpha over the picks, with "none" answers and position bias', async () => {
    const { project } = await arrange();
    const response = await get(`/api/projects/${project.id}/agreement`);
    expect(response.statusCode, response.body).toBe(200);
    const question = agreementReportSchema.parse(response.json()).questions[0];
    if (question?.type !== 'best-of-k') throw new Error('expected the best-of-k question in the report');
    // Coincidences (Krippendorff 2011), each pair of a unit's 3 values weighing 1/(3-1): agree o1-o1 3;
    // split o0-o1, o0-o2, o1-o2 1/2 each way (3 off the diagonal); mixed none-none 1, none-o1 1 each way (2).
    // n = 9, n_o1 = 5, n_none = 2, n_o0 = n_o2 = 1. D_o = 5/9; D_e = (81 - 25 - 4 - 1 - 1) / (9 * 8) = 50/72.
    // alpha = 1 - (5/9) / (50/72) = 0.2.
    const alpha = question.estimates.find((e) => e.estimate === 'alpha-nominal');
    expect(alpha?.value).toBeCloseTo(0.2, 12);
    expect(alpha?.items).toBe(3);
    expect(question).toMatchObject({ items: 3, annotations: 9, annotators: 3, noneChosen: 2 });
    // Share of annotator pairs who picked alike: split 0, mixed 1/3, agree 1.
    expect(question.lowAgreementItems.map((i) => [i.externalId, i.value])).toEqual([
      ['split', 0],
      ['mixed', expect.closeTo(1 / 3, 12)],
      ['agree', 1],
    ]);
    expect(question.positionBias.tiedTop).toBe(2);
    expect(question.positionBias.groups).toEqual([expect.objectContaining({ outputs: 3, trials: 7 })]);
  });
});
