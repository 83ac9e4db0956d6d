import { describe, expect, it } from 'vitest';
import type { Answers } from '../answers.ts';
import { type Question, questionSchema } from '../template.ts';
import { scoreAnnotation, scoreAnswer } from './gold-score.ts';

const q = (input: unknown): Question => questionSchema.parse(input);
const ranking = q({ id: 'rank', label: 'Rank', type: 'ranking' });
const pairwise = q({ id: 'pick', label: 'Pick', type: 'pairwise' });
const classification = q({
  id: 'topic',
  label: 'Topic',
  type: 'classification',
  multiple: true,
  options: [
    { id: 'code', label: 'Code' },
    { id: 'math', label: 'Math' },
    { id: 'chat', label: 'Chat' },
  ],
});
const rating = q({ id: 'quality', label: 'Quality', type: 'rating' });
const attributes = q({
  id: 'attrs',
  label: 'Attributes',
  type: 'attributes',
  attributes: [
    { id: 'helpful', label: 'Helpful' },
    { id: 'correct', label: 'Correct' },
  ],
});
const flags = q({
  id: 'flags',
  label: 'Flags',
  type: 'flags',
  flags: [
    { id: 'harm', label: 'Harm' },
    { id: 'lies', label: 'Lies' },
  ],
});
const demonstration = q({ id: 'demo', label: 'Write', type: 'demonstration' });

describe('ranking score: share of gold pairs ordered the same way', () => {
  const gold = { type: 'ranking' as const, groups: [['a'], ['b'], ['c'], ['d']] };
  it('is 1 for the gold order and 0 for its reverse', () => {
    expect(scoreAnswer(ranking, gold, gold)).toBe(1);
    expect(scoreAnswer(ranking, gold, { type: 'ranking', groups: [['d'], ['c'], ['b'], ['a']] })).toBe(0);
  });
  it('costs one pair of six for swapping the two worst outputs', () => {
    expect(scoreAnswer(ranking, gold, { type: 'ranking', groups: [['a'], ['b'], ['d'], ['c']] })).toBeCloseTo(5 / 6);
  });
  it('counts a tie as its own relation: tying two gold-ordered outputs disagrees on that pair', () => {
    expect(scoreAnswer(ranking, gold, { type: 'ranking', groups: [['a'], ['b'], ['c', 'd']] })).toBeCloseTo(5 / 6);
    const tiedGold = { type: 'ranking' as const, groups: [['a'], ['b', 'c']] };
    expect(scoreAnswer(ranking, tiedGold, { type: 'ranking', groups: [['a'], ['b', 'c']] })).toBe(1);
    expect(scoreAnswer(ranking, tiedGold, { type: 'ranking', groups: [['a'], ['b'], ['c']] })).toBeCloseTo(2 / 3);
  });
});

describe('pairwise score: same verdict and same preferred side', () => {
  const gold = {
    type: 'pairwise' as const,
    verdict: 'preferred' as const,
    preferred: 'a',
    strength: 'better' as const,
  };
  it('ignores strength and safety', () => {
    expect(
      scoreAnswer(pairwise, gold, {
        type: 'pairwise',
        verdict: 'preferred',
        preferred: 'a',
        strength: 'negligibly-better',
        safe: { a: false, b: true },
      }),
    ).toBe(1);
  });
  it('is 0 for the other side or another verdict', () => {
    expect(scoreAnswer(pairwise, gold, { type: 'pairwise', verdict: 'preferred', preferred: 'b' })).toBe(0);
    expect(scoreAnswer(pairwise, gold, { type: 'pairwise', verdict: 'tie' })).toBe(0);
    expect(
      scoreAnswer(pairwise, { type: 'pairwise', verdict: 'both-bad' }, { type: 'pairwise', verdict: 'both-bad' }),
    ).toBe(1);
  });
});

describe('classification score: the exact label set', () => {
  const gold = { type: 'classification' as const, selected: ['code', 'math'] };
  it('is 1 for the same set in any order and 0 for a subset or superset', () => {
    expect(scoreAnswer(classification, gold, { type: 'classification', selected: ['math', 'code'] })).toBe(1);
    expect(scoreAnswer(classification, gold, { type: 'classification', selected: ['code'] })).toBe(0);
    expect(scoreAnswer(classification, gold, { type: 'classification', selected: ['code', 'math', 'chat'] })).toBe(0);
  });
});

describe('rating and attributes: within one point of gold', () => {
  it('scores the share of outputs within +-1', () => {
    const gold = { type: 'rating' as const, values: { a: 7, b: 4, c: 1 } };
    expect(scoreAnswer(rating, gold, { type: 'rating', values: { a: 6, b: 5, c: 3 } })).toBeCloseTo(2 / 3);
    expect(scoreAnswer(rating, gold, { type: 'rating', values: { a: 5, b: 2, c: 3 } })).toBe(0);
  });
  it('scores attributes cell by cell', () => {
    const gold = {
      type: 'attributes' as const,
      values: { a: { helpful: 4, correct: 4 }, b: { helpful: 0, correct: 1 } },
    };
    const answer = {
      type: 'attributes' as const,
      values: { a: { helpful: 3, correct: 1 }, b: { helpful: 2, correct: 2 } },
    };
    // a.helpful 3 vs 4 ok, a.correct 1 vs 4 no, b.helpful 2 vs 0 no, b.correct 2 vs 1 ok.
    expect(scoreAnswer(attributes, gold, answer)).toBe(0.5);
  });
});

describe('flags: share of yes/no decisions agreeing', () => {
  it('counts an unticked flag as "no" on both sides', () => {
    const gold = { type: 'flags' as const, values: { a: ['harm'], b: [] } };
    // a: harm yes/yes, lies no/yes (disagree); b: harm no/no, lies no/no.
    expect(scoreAnswer(flags, gold, { type: 'flags', values: { a: ['harm', 'lies'], b: [] } })).toBe(0.75);
    expect(scoreAnswer(flags, gold, { type: 'flags', values: {} })).toBe(0.75);
  });
});

describe('scoreAnnotation', () => {
  const questions = [ranking, rating, demonstration];
  const gold: Answers = {
    rank: { type: 'ranking', groups: [['a'], ['b']] },
    quality: { type: 'rating', values: { a: 7, b: 1 } },
    demo: { type: 'demonstration', text: 'reference' },
  };
  it('averages the scored questions and leaves demonstrations out', () => {
    const answers: Answers = {
      rank: { type: 'ranking', groups: [['a'], ['b']] },
      quality: { type: 'rating', values: { a: 1, b: 1 } },
      demo: { type: 'demonstration', text: 'anything at all' },
    };
    expect(scoreAnnotation(questions, gold, answers)).toBe(0.75);
  });
  it('scores a question gold answers but the annotator left out as 0', () => {
    expect(scoreAnnotation(questions, gold, { rank: { type: 'ranking', groups: [['a'], ['b']] } })).toBe(0.5);
  });
  it('is null when nothing can be scored (demonstration-only gold)', () => {
    expect(scoreAnnotation([demonstration], { demo: gold.demo as never }, {})).toBeNull();
  });
});
