import { type Answers, checkAnswers, findPreset, type Question } from '@feedbench/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { i18next } from '../../i18n/i18n.ts';
import { localizedProblem } from './answer-problems.ts';

const questions = [
  ...(findPreset('instructgpt-ranking')?.questions ?? []),
  ...(findPreset('llama2-pairwise')?.questions ?? []),
] as Question[];

/** Answers an adjudicator's half-finished form can hold: each kind of problem the shared checks find. */
const cases: Answers[] = [
  {},
  {
    rank: { type: 'ranking', groups: [['a'], ['a']] },
    quality: { type: 'rating', values: { a: 9 } },
    metadata: { type: 'flags', values: { a: ['x', 'x'] } },
  },
  { rank: { type: 'ranking', groups: [['a']] }, preference: { type: 'pairwise', verdict: 'tie' } },
];

describe('localizedProblem', () => {
  afterEach(() => i18next.changeLanguage('en'));

  it('rewords every problem the shared checks find in these answers, keeping only the labels people wrote', async () => {
    const messages = cases.flatMap((answers) => checkAnswers(questions, ['a', 'b'], answers).map((p) => p.message));
    expect(messages.length).toBeGreaterThan(6);
    expect(messages.map(localizedProblem)).toEqual(messages);
    await i18next.changeLanguage('zh-CN');
    const labels = questions.flatMap((q) => [q.label, ...('flags' in q ? q.flags.map((f) => f.label) : [])]);
    const known = /unknown flag|not on the scale|expected a|no question/;
    for (const message of messages.filter((m) => !known.test(m))) {
      let rest = localizedProblem(message);
      for (const label of labels) rest = rest.split(label).join('');
      expect(rest, message).not.toMatch(/[A-Za-z]{3,}/);
    }
  });
});
