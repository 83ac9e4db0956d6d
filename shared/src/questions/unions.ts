import { z } from 'zod';
import { attributesAnswerSchema, attributesQuestionSchema } from './attributes.ts';
import { bestOfKAnswerSchema, bestOfKQuestionSchema } from './best-of-k.ts';
import { classificationAnswerSchema, classificationQuestionSchema } from './classification.ts';
import { demonstrationAnswerSchema, demonstrationQuestionSchema } from './demonstration.ts';
import { flagsAnswerSchema, flagsQuestionSchema } from './flags.ts';
import { pairwiseAnswerSchema, pairwiseQuestionSchema } from './pairwise.ts';
import { rankingAnswerSchema, rankingQuestionSchema } from './ranking.ts';
import { ratingAnswerSchema, ratingQuestionSchema } from './rating.ts';
import { rationaleAnswerSchema, rationaleQuestionSchema } from './rationale.ts';

/**
 * The template's and the answers' discriminated unions over every type's schemas, and their types; template.ts and
 * answers.ts re-export them. They live here, below the registry, so that dependencies point one way: modules ->
 * unions -> registry -> template.ts / answers.ts (a module never imports the files that dispatch to it).
 */

export const questionSchema = z.discriminatedUnion('type', [
  demonstrationQuestionSchema,
  rankingQuestionSchema,
  pairwiseQuestionSchema,
  ratingQuestionSchema,
  attributesQuestionSchema,
  flagsQuestionSchema,
  rationaleQuestionSchema,
  classificationQuestionSchema,
  bestOfKQuestionSchema,
]);
export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question['type'];
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

export const answerSchema = z.discriminatedUnion('type', [
  demonstrationAnswerSchema,
  rankingAnswerSchema,
  pairwiseAnswerSchema,
  ratingAnswerSchema,
  attributesAnswerSchema,
  flagsAnswerSchema,
  rationaleAnswerSchema,
  classificationAnswerSchema,
  bestOfKAnswerSchema,
]);
export type Answer = z.infer<typeof answerSchema>;
export type AnswerOf<T extends Answer['type']> = Extract<Answer, { type: T }>;
