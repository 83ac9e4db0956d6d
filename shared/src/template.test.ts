import { describe, expect, it } from 'vitest';
import {
  defaultSettings,
  newQuestion,
  QUESTION_TYPES,
  questionSchema,
  questionsSchema,
  sameQuestions,
  scalePointLabels,
} from './template.ts';

describe('template', () => {
  it('every question type has a builder default that is a valid one-question template', () => {
    for (const type of QUESTION_TYPES) {
      expect(questionsSchema.safeParse([newQuestion(type, 'q')]).success).toBe(true);
    }
  });

  it('rejects duplicate question, option, flag and attribute ids, and empty ranges', () => {
    const cls = newQuestion('classification', 'cat');
    if (cls.type !== 'classification') throw new Error('unreachable');
    const result = questionsSchema.safeParse([
      newQuestion('rationale', 'why'),
      newQuestion('rationale', 'why'),
      { ...cls, options: [cls.options[0], cls.options[0]] },
      { ...newQuestion('rating', 'quality'), min: 5, max: 5 },
    ]);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['1.id', 'duplicate question id "why"'],
      ['2.options.1.id', 'duplicate option "option-1"'],
      ['3.max', 'max must be greater than min'],
    ]);
  });

  it('a new ranking project ranks and rates 1-7; a demonstration project writes a reply', () => {
    expect(defaultSettings('ranking').questions.map((q) => q.type)).toEqual(['ranking', 'rating']);
    expect(defaultSettings('demonstration').questions).toMatchObject([{ type: 'demonstration', variant: 'write' }]);
  });
});

describe('sameQuestions', () => {
  it('ignores key order and filled-in defaults, and sees any real change', () => {
    const stored = JSON.parse(JSON.stringify(newQuestion('rating', 'quality')));
    const reordered = Object.fromEntries(Object.entries(stored).reverse()) as typeof stored;
    expect(sameQuestions([reordered], [{ id: 'quality', type: 'rating', label: 'Overall quality' }])).toBe(true);
    expect(sameQuestions([stored], [{ ...stored, max: 5 }])).toBe(false);
  });

  it('labels any subset of a rating scale, point labels over the end labels, and reads unlabelled points as empty', () => {
    const rating = questionSchema.parse({
      id: 'quality',
      type: 'rating',
      label: 'Quality',
      min: 1,
      max: 7,
      minLabel: 'Bad',
      maxLabel: 'Excellent',
      pointLabels: [
        { value: 1, label: 'Terrible' },
        { value: 4, label: 'OK' },
      ],
    });
    if (rating.type !== 'rating') throw new Error('unreachable');
    expect(scalePointLabels(rating).map((p) => p.label)).toEqual(['Terrible', '', '', 'OK', '', '', 'Excellent']);
    expect(scalePointLabels(rating).map((p) => p.value)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('refuses point labels off the scale or given twice, naming the entry', () => {
    const result = questionsSchema.safeParse([
      {
        ...newQuestion('rating', 'quality'),
        pointLabels: [
          { value: 0, label: 'Nothing' },
          { value: 3, label: 'Fine' },
          { value: 3, label: 'Also fine' },
        ],
      },
    ]);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['0.pointLabels.0.value', '0 is not on the scale 1-7'],
      ['0.pointLabels.2.value', 'point 3 labelled twice'],
    ]);
  });

  it('a template saved before point labels existed is the same template', () => {
    const { pointLabels: _, ...before } = newQuestion('rating', 'quality') as Extract<
      ReturnType<typeof newQuestion>,
      { type: 'rating' }
    >;
    expect(sameQuestions([before], [newQuestion('rating', 'quality')])).toBe(true);
  });
});
