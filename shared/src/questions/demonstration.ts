import { z } from 'zod';
import { MAX_RANKED_OUTPUTS } from '../constants.ts';
import { type AnswerProblem, checkLength, judgeAnswerObject, judgeEnum, questionBase, unknownOutput } from './base.ts';
import type { QuestionModuleOf } from './question-module.ts';

/**
 * Variants of the SFT demonstration: `write` the ideal reply from scratch; `rewrite` a model output (the item's
 * output shown beside the edit, with a diff); `continue` a multi-turn conversation (the next assistant turn, and the
 * next user turn too when `nextUserTurn` asks for it).
 */
export const DEMONSTRATION_VARIANTS = ['write', 'rewrite', 'continue'] as const;
export type DemonstrationVariant = (typeof DEMONSTRATION_VARIANTS)[number];
export const NEXT_USER_TURN = ['off', 'optional', 'required'] as const;

export const demonstrationQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('demonstration'),
  variant: z.enum(DEMONSTRATION_VARIANTS).default('write'),
  minLength: z.number().int().min(0).max(10_000).default(1),
  /** Only for `continue`: whether the annotator also writes the user's next message. */
  nextUserTurn: z.enum(NEXT_USER_TURN).default('off'),
});

export const demonstrationAnswerSchema = z.object({
  type: z.literal('demonstration'),
  text: z.string().max(100_000),
  /** `rewrite`: the output the text rewrites. */
  sourceOutputId: z.string().min(1).optional(),
  /** `continue`: the user's next message, written by the annotator. */
  nextUserTurn: z.string().max(100_000).optional(),
});
type DemonstrationQuestion = z.infer<typeof demonstrationQuestionSchema>;
type DemonstrationAnswer = z.infer<typeof demonstrationAnswerSchema>;

function checkDemonstration(
  question: DemonstrationQuestion,
  answer: DemonstrationAnswer,
  outputIds: readonly string[],
): AnswerProblem[] {
  const problems = checkLength(question.label, question.minLength, answer.text, ['text']);
  if (question.variant === 'rewrite') {
    if (outputIds.length === 0) {
      problems.push({ path: ['sourceOutputId'], message: 'this item has no model output to rewrite' });
    } else if (answer.sourceOutputId === undefined) {
      problems.push({ path: ['sourceOutputId'], message: `"${question.label}": choose the output you rewrite` });
    } else if (!outputIds.includes(answer.sourceOutputId)) {
      problems.push(unknownOutput(['sourceOutputId'], answer.sourceOutputId));
    }
  } else if (answer.sourceOutputId !== undefined) {
    problems.push({ path: ['sourceOutputId'], message: 'only a rewrite names a source output' });
  }
  const userTurn = answer.nextUserTurn?.trim() ?? '';
  const asksUserTurn = question.variant === 'continue' ? question.nextUserTurn : 'off';
  if (asksUserTurn === 'required' && userTurn === '') {
    problems.push({ path: ['nextUserTurn'], message: `"${question.label}": write the user's next message too` });
  }
  if (asksUserTurn === 'off' && userTurn !== '') {
    problems.push({ path: ['nextUserTurn'], message: "this question does not take the user's next message" });
  }
  return problems;
}

/** The SFT demonstration: free text, so it has no gold score, disagreement, preference or agreement. */
export const demonstrationModule: QuestionModuleOf<DemonstrationQuestion, DemonstrationAnswer> = {
  type: 'demonstration',
  questionSchema: demonstrationQuestionSchema,
  answerSchema: demonstrationAnswerSchema,
  scope: 'item',
  builderDefault: { label: 'Write the ideal assistant reply' },
  checkQuestion: () => [],
  // A rewrite needs an output to rewrite.
  outputBound: (question) => (question.variant === 'rewrite' ? { min: 1, max: MAX_RANKED_OUTPUTS } : null),
  answersConversation: () => true,
  checkAnswer: checkDemonstration,
  goldScore: null,
  disagreement: null,
  judgeSchema: (question, outputIds) => {
    const asksUserTurn = question.variant === 'continue' ? question.nextUserTurn : 'off';
    return judgeAnswerObject(
      'demonstration',
      {
        text: { type: 'string', minLength: question.minLength },
        ...(question.variant === 'rewrite' ? { sourceOutputId: judgeEnum(outputIds, 'the output rewritten') } : {}),
        ...(asksUserTurn === 'off' ? {} : { nextUserTurn: { type: 'string', description: "the user's next message" } }),
      },
      [
        'text',
        ...(question.variant === 'rewrite' ? ['sourceOutputId'] : []),
        ...(asksUserTurn === 'required' ? ['nextUserTurn'] : []),
      ],
    );
  },
  preference: null,
  agreement: null,
  mapOutputIds: (answer, translate) => {
    const { sourceOutputId, ...rest } = answer;
    const source = sourceOutputId === undefined ? undefined : translate(sourceOutputId);
    return source === undefined ? rest : { ...rest, sourceOutputId: source };
  },
  labels: null,
};
