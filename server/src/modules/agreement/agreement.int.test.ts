import { randomUUID } from 'node:crypto';
import {
  type AgreementReport,
  type Answers,
  agreementReportSchema,
  krippendorffAlpha,
  pairwiseAgreement,
  type Task,
} from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asShown, nextTask, type Person, withRealIds } from '../../test/annotating.ts';
import { buildTestApp, type FakeClock, rankingLine, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
let researcher: Person;
beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
});
afterAll(() => h.close());

const DAY = 24 * 60 * 60 * 1000;

/** A ranking project with the default template (ranking `rank`, 1-7 rating `quality`) and K outputs o0..o{K-1}. */
async function rankingProject(externalIds: string[], overlapTarget: number, k = 3) {
  const project = await h.project(researcher, { kind: 'ranking' });
  const patch = await h.app.inject({
    method: 'PATCH',
    url: `/api/projects/${project.id}`,
    headers: researcher.headers,
    payload: { overlapTarget },
  });
  expect(patch.statusCode).toBe(200);
  await h.importItems(
    researcher,
    project.id,
    externalIds.map((id) => rankingLine(id, k)),
  );
  return project;
}

async function annotators(projectId: string, n: number): Promise<Person[]> {
  const people: Person[] = [];
  for (let i = 0; i < n; i++) {
    const person = await h.user('annotator');
    await h.addMember(researcher, projectId, person);
    people.push(person);
  }
  return people;
}

/** One answer: a ranking (groups of output ids, best first) and a rating per output. */
interface Judgement {
  rank: string[][];
  quality: Record<string, number>;
}
const answersOf = ({ rank, quality }: Judgement): Answers => ({
  rank: { type: 'ranking', groups: rank },
  quality: { type: 'rating', values: quality },
});

/** Takes the annotator's next task and submits their judgement of that item; returns the task. */
async function annotateNext(person: Person, projectId: string, judge: (task: Task) => Judgement, timeOnTaskMs = 1000) {
  const shown = await nextTask(h, person, projectId);
  if (!shown) throw new Error('no task left');
  // Judged in the import file's output ids, sent in the blind ids the annotator was shown.
  const task = await withRealIds(h, shown);
  const response = await h.app.inject({
    method: 'POST',
    url: `/api/leases/${task.leaseId}/submit`,
    headers: person.headers,
    payload: { idempotencyKey: randomUUID(), answers: await asShown(h, shown, answersOf(judge(task))), timeOnTaskMs },
  });
  expect(response.statusCode).toBe(200);
  return task;
}

async function report(projectId: string, person: Person = researcher): Promise<AgreementReport> {
  const response = await h.app.inject({
    method: 'GET',
    url: `/api/projects/${projectId}/agreement`,
    headers: person.headers,
  });
  expect(response.statusCode).toBe(200);
  return agreementReportSchema.parse(response.json());
}

function estimate(report: AgreementReport, questionId: string, name: string) {
  const question = report.questions.find((q) => q.questionId === questionId);
  const found = question?.estimates.find((e) => e.estimate === name);
  if (!found) throw new Error(`no ${name} for ${questionId}`);
  return found;
}

describe('GET /api/projects/:projectId/agreement', () => {
  it('gives agreement 1 on every estimate when two annotators rank and rate identically', async () => {
    const project = await rankingProject(['a', 'b', 'c'], 2);
    const people = await annotators(project.id, 2);
    // Each item gets a different order, so both pair relations occur and alpha is defined.
    const orders: Record<string, string[][]> = {
      a: [['o0'], ['o1'], ['o2']],
      b: [['o2'], ['o0'], ['o1']],
      c: [['o1'], ['o2'], ['o0']],
    };
    const judge = (task: Task): Judgement => {
      const rank = orders[task.item.externalId] as string[][];
      return { rank, quality: Object.fromEntries(rank.map(([id], i) => [id as string, 7 - 2 * i])) };
    };
    for (const person of people) for (let i = 0; i < 3; i++) await annotateNext(person, project.id, judge);

    const result = await report(project.id);
    for (const name of ['pairwise-agreement', 'pairwise-alpha', 'kendall-w']) {
      expect(estimate(result, 'rank', name)).toMatchObject({ value: 1, ci: [1, 1], items: 3 });
    }
    for (const name of ['alpha-ordinal', 'alpha-interval']) {
      expect(estimate(result, 'quality', name).value).toBeCloseTo(1, 12);
    }
    expect(result.progress).toMatchObject({ items: 3, annotations: 6, completedItems: 3, overlapTarget: 2 });
    expect(result.annotators.map((a) => [a.annotations, a.outlier])).toEqual([
      [3, false],
      [3, false],
    ]);
  });

  it('reproduces a hand-computed case with disagreement, by day, with position bias and annotator times', async () => {
    const clock = h.clock as FakeClock;
    const project = await rankingProject(['x', 'y'], 2);
    const [ann, bob] = (await annotators(project.id, 2)) as [Person, Person];
    // Item x: ann o0 > o1 > o2, bob o1 > o0 > o2: they agree on 2 of 3 pairs. Item y: both o2 > o1 > o0.
    // Ratings: only ann's o0 on x (7 vs 6) differs.
    const judgements: Record<string, Record<string, Judgement>> = {
      x: {
        [ann.id]: { rank: [['o0'], ['o1'], ['o2']], quality: { o0: 7, o1: 5, o2: 3 } },
        [bob.id]: { rank: [['o1'], ['o0'], ['o2']], quality: { o0: 6, o1: 5, o2: 3 } },
      },
      y: {
        [ann.id]: { rank: [['o2'], ['o1'], ['o0']], quality: { o0: 1, o1: 4, o2: 7 } },
        [bob.id]: { rank: [['o2'], ['o1'], ['o0']], quality: { o0: 1, o1: 4, o2: 7 } },
      },
    };
    const tasks: { task: Task; person: Person; day: string }[] = [];
    const work = async (person: Person, timeOnTaskMs: number) => {
      const task = await annotateNext(
        person,
        project.id,
        (t) => judgements[t.item.externalId]?.[person.id] as Judgement,
        timeOnTaskMs,
      );
      tasks.push({ task, person, day: clock.now().toISOString().slice(0, 10) });
    };
    await work(ann, 1000);
    await work(bob, 500);
    clock.advance(DAY);
    await work(ann, 3000);
    await work(bob, 1500);

    const result = await report(project.id);
    const rank = result.questions.find((q) => q.questionId === 'rank');
    if (rank?.type !== 'ranking') throw new Error('no ranking question');
    // Pairwise: x 2/3, y 1 -> 5/6.
    expect(estimate(result, 'rank', 'pairwise-agreement').value).toBeCloseTo(5 / 6, 12);
    // Alpha over (item, pair) units, nominal (Krippendorff 2011): n = 12 values, first-better 5, second-better 7;
    // o_cc sum = 10, so D_o = 2/12 and D_e = (144 - 25 - 49) / 132; alpha = 1 - (2/12) / (70/132) = 24/35.
    expect(estimate(result, 'rank', 'pairwise-alpha').value).toBeCloseTo(24 / 35, 12);
    // Kendall's W: x has rank sums 3, 3, 6 (mean 4, S = 6), W = 12 * 6 / (2^2 * (3^3 - 3)) = 0.75; y has W = 1.
    expect(estimate(result, 'rank', 'kendall-w').value).toBeCloseTo(0.875, 12);
    // Interval alpha over (item, output) units: one unit (7, 6) disagrees, D_o = 2/12; the 12 values have
    // sum 53 and sum of squares 285, so D_e = 2 * 12 * (285 - 53^2/12) / 132 = 1222/132; alpha = 1 - 264/14664.
    expect(estimate(result, 'quality', 'alpha-interval').value).toBeCloseTo(600 / 611, 12);
    for (const e of rank.estimates) {
      expect(e.ci?.[0]).toBeLessThanOrEqual(e.value as number);
      expect(e.ci?.[1]).toBeGreaterThanOrEqual(e.value as number);
    }

    // The same figures as the shared metrics on the records the CLI reads.
    const asResearcher = { ...researcher, createdAt: new Date(researcher.createdAt) };
    const records = (type: 'ranking' | 'rating') => h.services.agreement.records(asResearcher, project.id, { type });
    expect(pairwiseAgreement((await records('ranking')).records)).toMatchObject({
      value: expect.closeTo(5 / 6, 12),
      alpha: expect.closeTo(24 / 35, 12),
    });
    expect(krippendorffAlpha((await records('rating')).records, { level: 'interval' }).value).toBeCloseTo(
      600 / 611,
      12,
    );

    // Over time: each item counts on the day of its latest answer.
    const share: Record<string, number> = { x: 2 / 3, y: 1 };
    const lastDay = new Map(tasks.map(({ task, day }) => [task.item.externalId, day]));
    expect(rank.overTime.map((d) => d.day)).toEqual([...new Set(tasks.map((t) => t.day))].sort());
    for (const day of rank.overTime) {
      const items = [...lastDay].filter(([, d]) => d === day.day).map(([id]) => share[id] as number);
      expect(day.annotations).toBe(2);
      expect(day.items).toBe(items.length);
      const pairwise = day.estimates.find((e) => e.estimate === 'pairwise-agreement')?.value;
      if (items.length === 0) expect(pairwise).toBeNull();
      else expect(pairwise).toBeCloseTo(items.reduce((a, b) => a + b, 0) / items.length, 12);
    }

    // Position bias: did the output shown first (task.outputs[0]) win, in the order each annotator really saw?
    const wins = tasks.filter(
      ({ task, person }) => judgements[task.item.externalId]?.[person.id]?.rank[0]?.[0] === task.outputs[0]?.id,
    ).length;
    expect(rank.positionBias).toMatchObject({
      groups: [{ outputs: 3, trials: 4, firstShownWins: wins, rate: wins / 4, chance: 1 / 3 }],
      tiedTop: 0,
    });
    expect(rank.lowAgreementItems.map((i) => [i.externalId, i.value])).toEqual([
      ['x', expect.closeTo(2 / 3, 12)],
      ['y', 1],
    ]);

    const quality = result.questions.find((q) => q.questionId === 'quality');
    if (quality?.type !== 'rating') throw new Error('no rating question');
    expect(quality.distribution).toEqual([
      { value: 1, count: 2 },
      { value: 2, count: 0 },
      { value: 3, count: 2 },
      { value: 4, count: 2 },
      { value: 5, count: 2 },
      { value: 6, count: 1 },
      { value: 7, count: 3 },
    ]);
    expect(quality.mean).toBeCloseTo(53 / 12, 12);
    expect(quality.lowAgreementItems.map((i) => [i.externalId, i.value])).toEqual([
      ['x', 1 / 3],
      ['y', 0],
    ]);

    const rows = new Map(result.annotators.map((a) => [a.userId, a]));
    expect(rows.get(ann.id)).toMatchObject({ email: ann.email, annotations: 2, medianTimeOnTaskMs: 2000 });
    expect(rows.get(bob.id)).toMatchObject({ email: bob.email, annotations: 2, medianTimeOnTaskMs: 1000 });
  });

  it('flags the annotator who reverses every ranking as an outlier, and nobody else', async () => {
    const project = await rankingProject(['p', 'q', 'r', 's'], 5, 4);
    const people = await annotators(project.id, 5);
    const contrarian = people[4] as Person;
    for (const person of people) {
      for (let i = 0; i < 4; i++) {
        await annotateNext(person, project.id, (task) => {
          const ids = task.outputs.map((o) => o.id).sort();
          const order = person === contrarian ? [...ids].reverse() : ids;
          return {
            rank: order.map((id) => [id]),
            quality: Object.fromEntries(order.map((id, r) => [id, 7 - r])),
          };
        });
      }
    }
    const result = await report(project.id);
    const flagged = result.annotators.filter((a) => a.outlier).map((a) => a.userId);
    expect(flagged).toEqual([contrarian.id]);
    const rankQuality = result.annotators
      .find((a) => a.userId === contrarian.id)
      ?.questions.find((q) => q.questionId === 'rank');
    expect(rankQuality).toMatchObject({ units: 4 * 6, score: 0, outlier: true });
  });

  it('answers null, never NaN, while there is nothing to compare', async () => {
    const project = await rankingProject(['lonely'], 2);
    const [only] = (await annotators(project.id, 1)) as [Person];
    await annotateNext(only, project.id, () => ({ rank: [['o0'], ['o1', 'o2']], quality: { o0: 5, o1: 3, o2: 3 } }));
    const result = await report(project.id);
    for (const question of result.questions) {
      for (const e of question.estimates) expect(e).toMatchObject({ value: null, ci: null, items: 0 });
    }
    const rank = result.questions.find((q) => q.questionId === 'rank');
    expect(rank?.type === 'ranking' && rank.rankingsWithTies).toBe(1);
    expect(result.annotators[0]?.questions.every((q) => q.score === null && q.z === null)).toBe(true);
  });

  it('is for the project’s researchers: annotators get 403, non-members 404', async () => {
    const project = await rankingProject(['z'], 1);
    const [member] = (await annotators(project.id, 1)) as [Person];
    const outsider = await h.user('researcher');
    const get = (person: Person) =>
      h.app.inject({ method: 'GET', url: `/api/projects/${project.id}/agreement`, headers: person.headers });
    expect((await get(member)).statusCode).toBe(403);
    expect((await get(outsider)).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: `/api/projects/${project.id}/agreement` })).statusCode).toBe(401);
  });
});
