import { randomUUID } from 'node:crypto';
import { type Answers, agreementReportSchema, type Task } from '@feedbench/shared';
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

describe('agreement on Llama 2 pairwise questions', () => {
  it('reads each verdict as a two-output ranking, for pairwise agreement and position bias against 1/2', async () => {
    const preference = { id: 'preference', type: 'pairwise', label: 'Which is better?', askSafety: false } as const;
    const project = await h.project(researcher, {
      kind: 'ranking',
      settings: { overlapTarget: 2, questions: [preference] },
    });
    await h.importItems(researcher, project.id, [rankingLine('p1', 2), rankingLine('p2', 2), rankingLine('p3', 2)]);
    const people: Person[] = [];
    for (let i = 0; i < 2; i++) {
      const person = await h.user('annotator');
      await h.addMember(researcher, project.id, person);
      people.push(person);
    }
    // Ann prefers o0 everywhere. Bob agrees on p1, prefers o1 on p2, calls p3 a tie.
    const verdict = (who: number, task: Task) => {
      const item = task.item.externalId;
      if (who === 1 && item === 'p2') return { verdict: 'preferred', preferred: 'o1', strength: 'better' };
      if (who === 1 && item === 'p3') return { verdict: 'tie' };
      return { verdict: 'preferred', preferred: 'o0', strength: 'slightly-better' };
    };
    const shownFirstWins: boolean[] = [];
    for (const [who, person] of people.entries()) {
      for (let task = await nextTask(h, person, project.id); task; task = await nextTask(h, person, project.id)) {
        // Judged in the import file's output ids, sent in the blind ids the annotator was shown.
        const real = await withRealIds(h, task);
        const answer = verdict(who, real);
        if (answer.verdict === 'preferred') shownFirstWins.push(answer.preferred === real.outputs[0]?.id);
        const answers = await asShown(h, task, { preference: { type: 'pairwise', ...answer } as Answers[string] });
        const response = await h.app.inject({
          method: 'POST',
          url: `/api/leases/${task.leaseId}/submit`,
          headers: person.headers,
          payload: { idempotencyKey: randomUUID(), answers },
        });
        expect(response.statusCode, response.body).toBe(200);
      }
    }

    const response = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${project.id}/agreement`,
      headers: researcher.headers,
    });
    expect(response.statusCode).toBe(200);
    const question = agreementReportSchema.parse(response.json()).questions[0];
    if (question?.type !== 'pairwise') throw new Error('expected the pairwise question in the report');
    // One pair per item, ties a judgement of their own: p1 agrees, p2 and p3 do not -> 1/3.
    expect(question.estimates.find((e) => e.estimate === 'pairwise-agreement')?.value).toBeCloseTo(1 / 3, 12);
    expect(question).toMatchObject({ items: 3, annotations: 6, annotators: 2, rankingsWithTies: 1 });
    expect(question.lowAgreementItems.map((i) => i.externalId).sort()).toEqual(['p1', 'p2', 'p3']);
    // Position bias over the five verdicts with a winner, against chance 1/2.
    expect(question.positionBias).toMatchObject({
      groups: [{ outputs: 2, trials: 5, firstShownWins: shownFirstWins.filter(Boolean).length, chance: 0.5 }],
      tiedTop: 1,
    });
  });
});
