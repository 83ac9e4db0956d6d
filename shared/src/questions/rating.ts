import { z } from 'zod';
import { MAX_RANKED_OUTPUTS } from '../constants.ts';
import {
  type AnswerProblem,
  checkRange,
  checkScale,
  judgeAnswerObject,
  judgePerOutput,
  judgeScale,
  mapKeys,
  questionBase,
  unknownKeys,
  withinOneShare,
} from './base.ts';
import type { QuestionModuleOf } from './question-module.ts';

export const scalePointLabelSchema = z.object({
  value: z.number().int().min(0).max(10),
  label: z.string().trim().min(1).max(60),
});
export type ScalePointLabel = z.infer<typeof scalePointLabelSchema>;

export const ratingQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('rating'),
  /** 'output': one value per model output (InstructGPT's 1-7 overall quality). */
  scope: z.literal('output').default('output'),
  min: z.number().int().min(0).max(10).default(1),
  max: z.number().int().min(1).max(10).default(7),
  minLabel: z.string().max(60).default(''),
  maxLabel: z.string().max(60).default(''),
  /**
   * Words for any subset of the points (1 = "Terrible" ... 7 = "Excellent"), shown on the scale and read by screen
   * readers. A point listed here takes this label over minLabel/maxLabel.
   */
  pointLabels: z.array(scalePointLabelSchema).max(11).default([]),
});

/** One value per output id. */
export const ratingAnswerSchema = z.object({
  type: z.literal('rating'),
  values: z.record(z.string(), z.number().int()),
});
type RatingQuestion = z.infer<typeof ratingQuestionSchema>;
type RatingAnswer = z.infer<typeof ratingAnswerSchema>;

function checkRatingQuestion(question: RatingQuestion): AnswerProblem[] {
  const problems = checkRange(question);
  const labelled = new Set<number>();
  question.pointLabels.forEach(({ value }, p) => {
    const path = ['pointLabels', p, 'value'];
    if (value < question.min || value > question.max)
      problems.push({ path, message: `${value} is not on the scale ${question.min}-${question.max}` });
    if (labelled.has(value)) problems.push({ path, message: `point ${value} labelled twice` });
    labelled.add(value);
  });
  return problems;
}

/** Mean over outputs rated by two or more of their rating range (max - min), over the scale's width. */
function ratingSpread(ratings: readonly RatingAnswer[], width: number): number {
  const byOutput = new Map<string, { min: number; max: number; count: number }>();
  for (const { values } of ratings) {
    for (const [outputId, value] of Object.entries(values)) {
      const seen = byOutput.get(outputId);
      if (seen) {
        seen.min = Math.min(seen.min, value);
        seen.max = Math.max(seen.max, value);
        seen.count++;
      } else byOutput.set(outputId, { min: value, max: value, count: 1 });
    }
  }
  let sum = 0;
  let outputs = 0;
  for (const { min, max, count } of byOutput.values()) {
    if (count < 2) continue;
    sum += max - min;
    outputs++;
  }
  return outputs > 0 && width > 0 ? sum / outputs / width : Number.NaN;
}

/** A Likert rating of each output (InstructGPT's 1-7 overall quality). */
export const ratingModule: QuestionModuleOf<RatingQuestion, RatingAnswer> = {
  type: 'rating',
  questionSchema: ratingQuestionSchema,
  answerSchema: ratingAnswerSchema,
  scope: 'output',
  builderDefault: { label: 'Overall quality' },
  checkQuestion: checkRatingQuestion,
  outputBound: () => ({ min: 1, max: MAX_RANKED_OUTPUTS }),
  answersConversation: () => true,
  checkAnswer: (question, answer, outputIds) => [
    ...checkScale(
      question.label,
      question.required,
      question,
      (id) => answer.values[id],
      (id) => ['values', id],
      outputIds,
    ),
    ...unknownKeys(answer.values, outputIds),
  ],
  // Share of gold outputs rated within +-1 of the gold value.
  goldScore: (_question, gold, answer) => withinOneShare(gold.values, answer.values),
  disagreement: (question, answers) => ratingSpread(answers, question.max - question.min),
  judgeSchema: (question, outputIds) =>
    judgeAnswerObject('rating', { values: judgePerOutput(outputIds, judgeScale(question), question.required) }, [
      'values',
    ]),
  preference: null,
  agreement: {
    family: 'scale',
    // One unit per rated output.
    records: (answer, item) =>
      Object.entries(answer.values).map(([outputId, value]) => ({ unit: `${item.itemId}:${outputId}`, value })),
  },
  mapOutputIds: (answer, translate) => ({ ...answer, values: mapKeys(answer.values, translate) }),
  labels: null,
};
