import { describe, expect, it } from 'vitest';
import { type Answer, type AnswerOf, answersSchema, checkAnswers } from '../answers.ts';
import { scoreAnnotation, scoreAnswer } from '../gold/gold-score.ts';
import { newQuestion, type QuestionOf, questionSchema } from '../template.ts';
import { bestOfKGroups } from './best-of-k.ts';
import { answerRecords, disagreement, outputBound, preferenceView } from './registry.ts';

const question = (allowNone?: boolean) =>
  questionSchema.parse({ id: 'best', type: 'best-of-k', label: 'Pick the best', allowNone }) as QuestionOf<'best-of-k'>;
const pick = (choice: string | null): AnswerOf<'best-of-k'> => ({ type: 'best-of-k', choice });
const ABC = ['a', 'b', 'c'];
const messages = (allowNone: boolean | undefined, outputIds: string[], answers: unknown) =>
  checkAnswers([question(allowNone)], outputIds, answersSchema.parse(answers)).map((p) => [p.path, p.message]);

describe('best-of-k: the question and its answers', () => {
  it('offers "none is acceptable" unless the template turns it off, and the builder gives it a label', () => {
    expect(question().allowNone).toBe(true);
    expect(question(false).allowNone).toBe(false);
    expect(newQuestion('best-of-k', 'best')).toEqual({
      id: 'best',
      type: 'best-of-k',
      label: 'Pick the best output',
      help: '',
      required: true,
      allowNone: true,
    });
  });

  it('accepts one of the item outputs, and "none" only when the question offers it', () => {
    expect(messages(undefined, ABC, { best: pick('b') })).toEqual([]);
    expect(messages(undefined, ABC, { best: pick(null) })).toEqual([]);
    expect(messages(false, ABC, { best: pick(null) })).toEqual([
      [['best', 'choice'], '"none is acceptable" is not offered in this project'],
    ]);
  });

  it('refuses an output id the item does not have, naming the output', () => {
    const problems = checkAnswers([question()], ABC, { best: pick('z') });
    expect(problems).toEqual([{ path: ['best', 'choice'], message: 'unknown output "z"', outputId: 'z' }]);
  });

  it('needs two or more outputs to pick from, and an answer when required', () => {
    expect(messages(undefined, ['a'], { best: pick('a') })).toEqual([
      [['best'], '"Pick the best" picks among 2 or more outputs; this item has 1'],
    ]);
    expect(messages(undefined, ABC, {})).toEqual([[['best'], '"Pick the best" is required']]);
    expect(answersSchema.safeParse({ best: { type: 'best-of-k', choice: '' } }).success).toBe(false);
    expect(answersSchema.safeParse({ best: { type: 'best-of-k' } }).success).toBe(false);
    expect(outputBound(question())).toEqual({ min: 2, max: 9 });
  });
});

describe('best-of-k: gold, disagreement, preference and agreement', () => {
  it('scores 1 for the same pick (none matches none) and 0 otherwise, also when unanswered', () => {
    expect(scoreAnswer(question(), pick('a'), pick('a'))).toBe(1);
    expect(scoreAnswer(question(), pick(null), pick(null))).toBe(1);
    expect(scoreAnswer(question(), pick('a'), pick('b'))).toBe(0);
    expect(scoreAnswer(question(), pick('a'), pick(null))).toBe(0);
    expect(scoreAnswer(question(), pick(null), pick('a'))).toBe(0);
    expect(scoreAnswer(question(), pick('a'), undefined)).toBe(0);
    expect(scoreAnnotation([question()], { best: pick('c') }, { best: pick('c') })).toBe(1);
  });

  it('measures disagreement as the share of picks off the most common one', () => {
    // a, a, b, none: the majority "a" has 2 of 4, so half the answers differ.
    expect(disagreement(question(), [pick('a'), pick('a'), pick('b'), pick(null)])).toBe(0.5);
    expect(disagreement(question(), [pick(null), pick(null)])).toBe(0);
    expect(disagreement(question(), [pick('a')])).toBeNaN();
    const other: Answer = { type: 'rationale', text: 'x' };
    expect(disagreement(question(), [pick('a'), other])).toBeNaN();
  });

  it('prefers the pick to each other output (K-1 pairs), and "none" orders nothing and is all bad', () => {
    expect(bestOfKGroups(pick('b'), ABC)).toEqual([['b'], ['a', 'c']]);
    expect(preferenceView(pick('b'), ABC)).toEqual({ groups: [['b'], ['a', 'c']], allBad: false, margin: null });
    expect(preferenceView(pick(null), ABC)).toEqual({ groups: [['a', 'b', 'c']], allBad: true, margin: null });
  });

  it('yields one nominal record per item, keeping an output named "none" apart from the verdict', () => {
    const item = { itemId: 'i1', displayOrder: ABC };
    expect(answerRecords(question(), pick('a'), item)).toEqual([{ unit: 'i1', value: 'output:a' }]);
    expect(answerRecords(question(), pick(null), item)).toEqual([{ unit: 'i1', value: 'none' }]);
    expect(answerRecords(question(), pick('none'), item)).toEqual([{ unit: 'i1', value: 'output:none' }]);
    expect(answerRecords(question(), { type: 'rationale', text: 'x' }, item)).toEqual([]);
  });
});
