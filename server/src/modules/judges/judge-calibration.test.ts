import { type Answers, questionSchema } from '@feedbench/shared';
import { describe, expect, it } from 'vitest';
import type { SubmittedAnnotation } from '../agreement/agreement.repository.ts';
import { REPORT_BOOTSTRAP } from '../agreement/agreement.service.ts';
import { anchoringReport } from './judge-anchoring.ts';
import { calibrationReport, type JudgeAnswerInput, judgeAnnotatorRows } from './judge-calibration.ts';
import { judgeDisagreementScores } from './judge-disagreement.ts';

const pairwise = questionSchema.parse({ id: 'pair', type: 'pairwise', label: 'Which is better?', askStrength: false });
const prefers = (id: string): Answers => ({ pair: { type: 'pairwise', verdict: 'preferred', preferred: id } });
const at = new Date('2026-01-01T00:00:00Z');
const [i1, i2, i3] = [
  '10000000-0000-4000-8000-000000000001',
  '10000000-0000-4000-8000-000000000002',
  '10000000-0000-4000-8000-000000000003',
] as const;
const judge = { id: '20000000-0000-4000-8000-000000000001', name: 'Judge' };

function human(itemId: string, userId: string, preferred: string): SubmittedAnnotation {
  return {
    itemId,
    itemExternalId: itemId.slice(-1),
    itemImportedAt: at,
    userId,
    answers: prefers(preferred),
    displayOrder: ['a', 'b'],
    submittedAt: at,
    timeOnTaskMs: 1000,
  };
}
const judged = (itemId: string, preferred: string): JudgeAnswerInput => ({
  judgeId: judge.id,
  itemId,
  answers: prefers(preferred),
  displayOrder: ['b', 'a'],
  answeredAt: at,
});

/** Two humans h1, h2 and the judge on three items of two outputs (a, b): who preferred which. */
const humans = [
  human(i1, 'h1', 'a'),
  human(i1, 'h2', 'a'),
  human(i2, 'h1', 'a'),
  human(i2, 'h2', 'b'),
  human(i3, 'h1', 'b'),
  human(i3, 'h2', 'b'),
];
const judgeAnswers = [judged(i1, 'a'), judged(i2, 'b'), judged(i3, 'a')];
const estimate = (estimates: { estimate: string; value: number | null }[], name: string) =>
  estimates.find((e) => e.estimate === name)?.value;

describe('calibrationReport', () => {
  const report = calibrationReport({
    projectId: '30000000-0000-4000-8000-000000000001',
    questions: [pairwise],
    humans,
    judges: [judge],
    judgeAnswers,
    categories: {
      key: 'domain',
      byItem: new Map([
        [i1, 'x'],
        [i2, 'x'],
        [i3, 'y'],
      ]),
    },
    bootstrap: REPORT_BOOTSTRAP,
    now: at,
  });
  const rows = report.judges[0]?.questions ?? [];
  const all = rows.find((r) => r.category === null);

  it('gives the humans their own pairwise agreement: h1 and h2 agree on i1 and i3, not i2 (2/3)', () => {
    expect(estimate(all?.humans ?? [], 'pairwise-agreement')).toBeCloseTo(2 / 3, 12);
  });

  it('scores the judge against each human: 3 of the 6 judge-human pairs agree (1/2)', () => {
    // i1: h1 yes, h2 yes; i2: h1 no, h2 yes; i3: h1 no, h2 no.
    expect(estimate(all?.judgeVsHumans ?? [], 'pairwise-agreement')).toBeCloseTo(0.5, 12);
  });

  it("gives Krippendorff's alpha over the judge-human pairs by hand: 2/35", () => {
    // Six units of two values (A = a preferred, B = b preferred): (A,A) x2, (B,A), (B,B), (A,B) x2. Coincidences:
    // o_AA = 4, o_BB = 2, o_AB = o_BA = 3; n = 12, n_A = 7, n_B = 5. D_o = 6/12, D_e = 2*7*5/(12*11) = 70/132,
    // alpha = 1 - D_o/D_e = 1 - 33/35 = 2/35 (Krippendorff 2011, nominal).
    expect(estimate(all?.judgeVsHumans ?? [], 'pairwise-alpha')).toBeCloseTo(2 / 35, 12);
  });

  it('gives intervals that hold the estimate', () => {
    const pairwiseAgreement = all?.judgeVsHumans.find((e) => e.estimate === 'pairwise-agreement');
    const [low, high] = pairwiseAgreement?.ci ?? [null, null];
    expect(low).not.toBeNull();
    expect(low as number).toBeLessThanOrEqual(0.5);
    expect(high as number).toBeGreaterThanOrEqual(0.5);
  });

  it('splits by metadata category: x holds i1, i2 (3 of 4 pairs agree), y holds i3 (none)', () => {
    expect(estimate(rows.find((r) => r.category === 'x')?.judgeVsHumans ?? [], 'pairwise-agreement')).toBeCloseTo(
      0.75,
      12,
    );
    expect(estimate(rows.find((r) => r.category === 'y')?.judgeVsHumans ?? [], 'pairwise-agreement')).toBe(0);
    expect(rows.find((r) => r.category === 'x')?.items).toBe(2);
  });

  it("measures the judge's position bias from the order it was shown (b first: it picked b once of 3)", () => {
    expect(all?.judgePositionBias?.groups).toEqual([
      expect.objectContaining({ outputs: 2, trials: 3, firstShownWins: 1 }),
    ]);
  });
});

describe('judgeAnnotatorRows', () => {
  it('adds the judge as one more annotator, marked as a judge, scored against the humans', () => {
    const [row, ...more] = judgeAnnotatorRows([pairwise], humans, [judge], judgeAnswers);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ userId: judge.id, judgeName: 'Judge', email: null, annotations: 3 });
    expect(row?.questions[0]?.questionId).toBe('pair');
  });

  it('gives no row to a judge without answers', () => {
    expect(judgeAnnotatorRows([pairwise], humans, [judge], [])).toEqual([]);
  });
});

describe('anchoringReport', () => {
  const annotations = [
    ...['u1', 'u2', 'u3', 'u4'].map((userId, n) => ({
      itemId: i1,
      userId,
      answers: prefers(n < 3 ? 'a' : 'b'),
      arm: 'shown' as const,
      judgeId: judge.id,
    })),
    ...['u5', 'u6', 'u7', 'u8'].map((userId, n) => ({
      itemId: i1,
      userId,
      answers: prefers(n < 1 ? 'a' : 'b'),
      arm: 'hidden' as const,
      judgeId: judge.id,
    })),
  ];
  const report = anchoringReport({
    projectId: '30000000-0000-4000-8000-000000000001',
    mode: 'experiment',
    judgeId: judge.id,
    questions: [pairwise],
    annotations,
    judgeAnswers: new Map([[`${judge.id}/${i1}`, prefers('a')]]),
    bootstrap: REPORT_BOOTSTRAP,
  });
  const [question] = report.questions;

  it('reports agreement with the judge per arm (3/4 shown, 1/4 hidden) and the difference (1/2)', () => {
    expect(question?.shown).toMatchObject({ annotations: 4, agreement: 0.75 });
    expect(question?.hidden).toMatchObject({ annotations: 4, agreement: 0.25 });
    expect(question?.difference).toBeCloseTo(0.5, 12);
  });

  it('gives the difference a bootstrap interval around it, within [-1, 1]', () => {
    const [low, high] = question?.ci ?? [null, null];
    expect(low as number).toBeGreaterThanOrEqual(-1);
    expect(low as number).toBeLessThanOrEqual(0.5);
    expect(high as number).toBeGreaterThanOrEqual(0.5);
    expect(high as number).toBeLessThanOrEqual(1);
  });
});

describe('judgeDisagreementScores', () => {
  it('is 0 where judges agree with each other and with the human majority, higher where they do not', () => {
    const scores = judgeDisagreementScores(
      [pairwise],
      [
        { itemId: i1, answers: prefers('a') },
        { itemId: i1, answers: prefers('a') },
        { itemId: i2, answers: prefers('a') },
        { itemId: i2, answers: prefers('b') },
      ],
      humans,
    );
    // i1: judges agree (0) and both match the humans' majority a (0, 0).
    expect(scores.get(i1)).toBe(0);
    // i2: judges split (1/2); humans tie a/b, the first submitted (a) is the majority: judge a 0, judge b 1/2.
    expect(scores.get(i2)).toBeCloseTo((0.5 + 0 + 0.5) / 3, 12);
    expect(scores.has(i3)).toBe(false);
  });
});
