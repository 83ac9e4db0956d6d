import { z } from 'zod';
import { checkLength, judgeAnswerObject, questionBase } from './base.ts';
import type { QuestionModuleOf } from './question-module.ts';

export const rationaleQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('rationale'),
  minLength: z.number().int().min(0).max(10_000).default(0),
});

export const rationaleAnswerSchema = z.object({
  type: z.literal('rationale'),
  text: z.string().max(100_000),
});
type RationaleQuestion = z.infer<typeof rationaleQuestionSchema>;
type RationaleAnswer = z.infer<typeof rationaleAnswerSchema>;

/** Free text explaining the other answers: needs no outputs, replies to nothing, is not scored. */
export const rationaleModule: QuestionModuleOf<RationaleQuestion, RationaleAnswer> = {
  type: 'rationale',
  questionSchema: rationaleQuestionSchema,
  answerSchema: rationaleAnswerSchema,
  scope: 'item',
  builderDefault: { label: 'Explain your choice' },
  checkQuestion: () => [],
  outputBound: () => null,
  answersConversation: () => false,
  checkAnswer: (question, answer) => checkLength(question.label, question.minLength, answer.text, ['text']),
  goldScore: null,
  disagreement: null,
  judgeSchema: (question) =>
    judgeAnswerObject('rationale', { text: { type: 'string', minLength: question.minLength } }, ['text']),
  preference: null,
  agreement: null,
  // Refers to no output.
  mapOutputIds: (answer) => answer,
  labels: null,
};
