import { z } from 'zod';
import { MAX_RANKED_OUTPUTS, MIN_RANKED_OUTPUTS } from '../constants.ts';
import {
  type AnswerProblem,
  judgeAnswerObject,
  judgeEnum,
  minorityShare,
  questionBase,
  unknownOutput,
} from './base.ts';
import type { QuestionModuleOf } from './question-module.ts';

/**
 * Best-of-K selection: the annotator picks the single best of the item's K outputs (the "best-of-n" judgement of
 * rejection sampling, Touvron et al. 2023, section 3.2.3, asked of a person), or says that none is acceptable when
 * `allowNone` offers it. Answered once per item; needs at least 2 outputs.
 */
export const bestOfKQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('best-of-k'),
  /** Offers "none is acceptable" beside the outputs. */
  allowNone: z.boolean().default(true),
});

/** The best output's id, or null for "none is acceptable" (only when the question allows it). */
export const bestOfKAnswerSchema = z.object({
  type: z.literal('best-of-k'),
  choice: z.string().min(1).nullable(),
});
type BestOfKQuestion = z.infer<typeof bestOfKQuestionSchema>;
type BestOfKAnswer = z.infer<typeof bestOfKAnswerSchema>;

/**
 * The answer as one nominal category: `output:<id>` or `none`. The prefix keeps an output whose id is "none" apart
 * from the verdict.
 */
export function bestOfKCategory(answer: BestOfKAnswer): string {
  return answer.choice === null ? 'none' : `output:${answer.choice}`;
}

/**
 * The preference a choice expresses: the chosen output above every other (K-1 pairs; the others are tied with each
 * other, since picking one says nothing about the rest). "None is acceptable" orders nothing (one tied group, no
 * pair) and marks the judgement "all bad", like a ranking's "all outputs are bad".
 */
export function bestOfKGroups(answer: BestOfKAnswer, outputIds: readonly string[]): string[][] {
  const { choice } = answer;
  if (choice === null || !outputIds.includes(choice)) return [[...outputIds]];
  const others = outputIds.filter((id) => id !== choice);
  return others.length > 0 ? [[choice], others] : [[choice]];
}

export const bestOfKModule: QuestionModuleOf<BestOfKQuestion, BestOfKAnswer> = {
  type: 'best-of-k',
  questionSchema: bestOfKQuestionSchema,
  answerSchema: bestOfKAnswerSchema,
  scope: 'item',
  builderDefault: { label: 'Pick the best output' },
  checkQuestion: () => [],
  outputBound: () => ({ min: MIN_RANKED_OUTPUTS, max: MAX_RANKED_OUTPUTS }),
  answersConversation: () => true,
  checkAnswer: (question, answer, outputIds): AnswerProblem[] => {
    if (outputIds.length < MIN_RANKED_OUTPUTS) {
      const message = `"${question.label}" picks among ${MIN_RANKED_OUTPUTS} or more outputs; this item has ${outputIds.length}`;
      return [{ path: [], message }];
    }
    if (answer.choice === null) {
      return question.allowNone
        ? []
        : [{ path: ['choice'], message: '"none is acceptable" is not offered in this project' }];
    }
    return outputIds.includes(answer.choice) ? [] : [unknownOutput(['choice'], answer.choice)];
  },
  // 1 for the same choice (none matches none), else 0: one pick has no partial credit.
  goldScore: (_question, gold, answer) => (answer.choice === gold.choice ? 1 : 0),
  // The share of answers that differ from the most common choice ("none" is a choice like any output).
  disagreement: (_question, answers) => minorityShare(answers.map(bestOfKCategory)),
  judgeSchema: (question, outputIds) =>
    judgeAnswerObject(
      'best-of-k',
      {
        choice: question.allowNone
          ? {
              type: ['string', 'null'],
              enum: [...outputIds, null],
              description: 'the best output; null: none is acceptable',
            }
          : judgeEnum(outputIds, 'the best output'),
      },
      ['choice'],
    ),
  preference: (answer, outputIds) => ({
    groups: bestOfKGroups(answer, outputIds),
    allBad: answer.choice === null,
    margin: null,
  }),
  agreement: {
    family: 'nominal',
    records: (answer, item) => [{ unit: item.itemId, value: bestOfKCategory(answer) }],
  },
  // "None is acceptable" refers to no output; a choice the mapping does not know leaves nothing of the answer.
  mapOutputIds: (answer, translate) => {
    if (answer.choice === null) return answer;
    const to = translate(answer.choice);
    return to === undefined ? undefined : { ...answer, choice: to };
  },
  labels: null,
};
