import { randomUUID } from 'node:crypto';
import {
  type AgreementReport,
  type Answers,
  agreementAnnotationsResponse,
  agreementReportSchema,
  type Task,
} from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asShown, nextTask, type Person, withRealIds } from '../../test/annotating.ts';
import { buildTestApp, rankingLine, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
let researcher: Person;
beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
});
afterAll(() => h.close());

/** A ranking project (default template: ranking `rank`, 1-7 rating `quality`), overlap 2, two annotators. */
async function arrange() {
  const project = await h.project(researcher, { kind: 'ranking' });
  await h.app.inject({
    method: 'PATCH',
    url: `/api/projects/${project.id}`,
    headers: researcher.headers,
    payload: { overlapTarget: 2 },
  });
  const people: Person[] = [];
  for (let i = 0; i < 2; i++) {
    const person = await h.user('annotator');
    await h.addMember(researcher, project.id, person);
    people.push(person);
  }
  return { project, ann: people[0] as Person, bob: people[1] as Person };
}

const ascending = (task: Task) =>
  task.outputs
    .map((o) => o.id)
    .sort()
    .map((id) => [id]);

/** Ann always ranks o0 > o1 > o2; Bob agrees on items whose id starts with "same", reverses the others. */
function judgement(person: 'ann' | 'bob', task: Task): Answers {
  const order = ascending(task);
  const groups = person === 'bob' && !task.item.externalId.startsWith('same') ? [...order].reverse() : order;
  return {
    rank: { type: 'ranking', groups },
    quality: { type: 'rating', values: Object.fromEntries(groups.map(([id], r) => [id as string, 7 - r])) },
  };
}

async function annotateAll(projectId: string, person: Person, name: 'ann' | 'bob') {
  for (let task = await nextTask(h, person, projectId); task; task = await nextTask(h, person, projectId)) {
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/leases/${task.leaseId}/submit`,
      headers: person.headers,
      // Judged in the import file's output ids, sent in the blind ids the annotator was shown.
      payload: {
        idempotencyKey: randomUUID(),
        answers: await asShown(h, task, judgement(name, await withRealIds(h, task))),
        timeOnTaskMs: 1000,
      },
    });
    expect(response.statusCode).toBe(200);
  }
}

async function report(projectId: string, query = ''): Promise<AgreementReport> {
  const response = await h.app.inject({
    method: 'GET',
    url: `/api/projects/${projectId}/agreement${query}`,
    headers: researcher.headers,
  });
  expect(response.statusCode).toBe(200);
  return agreementReportSchema.parse(response.json());
}

const pairwise = (estimates: { estimate: string; value: number | null }[]) =>
  estimates.find((e) => e.estimate === 'pairwise-agreement')?.value;

describe('agreement over batches', () => {
  it('scores each import batch and each run of N submitted items over its own items', async () => {
    const { project, ann, bob } = await arrange();
    // First import: two items both annotators rank alike; second import: two items Bob reverses.
    await h.importItems(researcher, project.id, [rankingLine('same-1', 3), rankingLine('same-2', 3)]);
    await h.importItems(researcher, project.id, [rankingLine('diff-1', 3), rankingLine('diff-2', 3)]);
    await annotateAll(project.id, ann, 'ann');
    await annotateAll(project.id, bob, 'bob');

    const rank = (await report(project.id, '?batchSize=3')).questions.find((q) => q.questionId === 'rank');
    if (!rank) throw new Error('no rank question');
    const { import: imports, submission, batchSize } = rank.overBatches;
    expect(imports.map((b) => [b.index, b.items, b.annotations, pairwise(b.estimates)])).toEqual([
      [1, 2, 4, 1],
      [2, 2, 4, 0],
    ]);
    expect(imports[0]?.from).toBe(imports[0]?.to);
    expect(Date.parse(imports[0]?.from as string)).toBeLessThan(Date.parse(imports[1]?.from as string));
    // Bob's answers close the items in his order; 4 items in runs of 3 make batches of 3 and 1.
    expect(batchSize).toBe(3);
    expect(submission.map((b) => b.items)).toEqual([3, 1]);
    expect(submission.map((b) => b.annotations)).toEqual([6, 2]);
    for (const batch of submission) expect(Date.parse(batch.from)).toBeLessThanOrEqual(Date.parse(batch.to));
    // The batches' items together are the project's: their pairwise agreements average to the project figure.
    const overall = pairwise(rank.estimates);
    const weighted = submission.reduce((sum, b) => sum + (pairwise(b.estimates) as number) * b.items, 0) / 4;
    expect(weighted).toBeCloseTo(overall as number, 12);

    const refused = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${project.id}/agreement?batchSize=1`,
      headers: researcher.headers,
    });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.statusCode).toBeLessThan(500);
    expect(refused.body).toContain('batchSize');
  });
});

describe('drill-down to annotations', () => {
  it('lists one annotator’s or one item’s annotations with answers and outputs by id, for researchers only', async () => {
    const { project, ann, bob } = await arrange();
    await h.importItems(researcher, project.id, [rankingLine('same-1', 3), rankingLine('diff-1', 3)]);
    await annotateAll(project.id, ann, 'ann');
    await annotateAll(project.id, bob, 'bob');
    const get = (query: string, person: Person = researcher) =>
      h.app.inject({
        method: 'GET',
        url: `/api/projects/${project.id}/agreement/annotations?${query}`,
        headers: person.headers,
      });

    const byBob = agreementAnnotationsResponse.parse((await get(`annotatorId=${bob.id}`)).json());
    expect(byBob.truncated).toBe(false);
    expect(byBob.annotations.map((a) => a.itemExternalId).sort()).toEqual(['diff-1', 'same-1']);
    for (const a of byBob.annotations) {
      expect(a).toMatchObject({ annotatorId: bob.id, annotatorEmail: bob.email, timeOnTaskMs: 1000 });
      expect([...a.displayOrder].sort()).toEqual(['o0', 'o1', 'o2']);
    }
    const diff = byBob.annotations.find((a) => a.itemExternalId === 'diff-1');
    expect(diff?.answers.rank).toEqual({ type: 'ranking', groups: [['o2'], ['o1'], ['o0']] });

    // From a low-agreement item of the report to both annotators' answers on it.
    const low = (await report(project.id)).questions.find((q) => q.questionId === 'rank')?.lowAgreementItems[0];
    expect(low?.externalId).toBe('diff-1');
    const onItem = agreementAnnotationsResponse.parse((await get(`itemId=${low?.itemId}`)).json());
    expect(onItem.annotations.map((a) => a.annotatorEmail).sort()).toEqual([ann.email, bob.email].sort());
    expect(onItem.annotations.every((a) => a.itemId === low?.itemId)).toBe(true);

    const neither = await get('');
    expect(neither.statusCode).toBeGreaterThanOrEqual(400);
    expect(neither.statusCode).toBeLessThan(500);
    expect(neither.body).toContain('annotatorId');
    expect((await get(`annotatorId=${bob.id}&itemId=${low?.itemId}`)).statusCode).toBeLessThan(500);
    expect((await get(`annotatorId=${bob.id}`, ann)).statusCode).toBe(403);
    const outsider = await h.user('researcher');
    expect((await get(`annotatorId=${bob.id}`, outsider)).statusCode).toBe(404);
  });
});

describe('per-annotator table', () => {
  it('shows each annotator’s accuracy on gold items and flags one below the bar', async () => {
    const { project, ann, bob } = await arrange();
    // Judge below 0.9 after one gold answer: Bob reverses the gold item and falls under it.
    const settings = await h.app.inject({
      method: 'PUT',
      url: `/api/projects/${project.id}/gold/settings`,
      headers: researcher.headers,
      payload: { rate: 0, minAccuracy: 0.9, minAnswers: 1, autoPause: false },
    });
    expect(settings.statusCode).toBe(200);
    await h.importItems(researcher, project.id, [rankingLine('diff-gold', 3), rankingLine('same-1', 3)]);
    await annotateAll(project.id, ann, 'ann');
    await annotateAll(project.id, bob, 'bob');
    const before = await report(project.id);
    expect(before.annotators.every((a) => a.gold === null || a.gold.answered === 0)).toBe(true);

    const goldItem = before.questions.find((q) => q.questionId === 'rank')?.lowAgreementItems[0];
    expect(goldItem?.externalId).toBe('diff-gold');
    const annAnswer = agreementAnnotationsResponse
      .parse(
        (
          await h.app.inject({
            method: 'GET',
            url: `/api/projects/${project.id}/agreement/annotations?annotatorId=${ann.id}`,
            headers: researcher.headers,
          })
        ).json(),
      )
      .annotations.find((a) => a.itemId === goldItem?.itemId);
    const marked = await h.app.inject({
      method: 'POST',
      url: `/api/annotations/${annAnswer?.id}/gold`,
      headers: researcher.headers,
    });
    expect(marked.statusCode).toBe(200);

    const rows = new Map((await report(project.id)).annotators.map((a) => [a.userId, a]));
    expect(rows.get(ann.id)?.gold).toMatchObject({ answered: 1, accuracy: 1 });
    expect(rows.get(bob.id)?.gold?.answered).toBe(1);
    expect(rows.get(bob.id)?.gold?.accuracy).toBeLessThan(0.9);
    expect(rows.get(bob.id)).toMatchObject({ gold: { belowThreshold: true }, outlier: true });
    expect(rows.get(ann.id)).toMatchObject({ gold: { belowThreshold: false }, outlier: false });
    expect(rows.get(ann.id)?.medianTimeOnTaskMs).toBe(1000);
  });
});
