import type { Answer, Question, QuestionType } from '@feedbench/shared';
import { attributesKind } from './attributes/index.tsx';
import { bestOfKKind } from './best-of-k/index.tsx';
import { classificationKind } from './classification/index.tsx';
import { demonstrationKind } from './demonstration/index.tsx';
import { flagsKind } from './flags/index.tsx';
import { pairwiseKind } from './pairwise/index.tsx';
import type { QuestionKind, QuestionKinds } from './question-kind.ts';
import { rankingKind } from './ranking/index.tsx';
import { ratingKind } from './rating/index.tsx';
import { rationaleKind } from './rationale/index.tsx';

/**
 * Every question type's web pieces (question-kind.ts): builder settings, annotator input, read-only view, adjudication
 * field, editing state. The annotator view, template builder, review, adjudication and gold screens iterate this;
 * none of them branches on a question's type.
 */
export const QUESTION_KINDS = {
  demonstration: demonstrationKind,
  ranking: rankingKind,
  pairwise: pairwiseKind,
  rating: ratingKind,
  attributes: attributesKind,
  flags: flagsKind,
  rationale: rationaleKind,
  classification: classificationKind,
  'best-of-k': bestOfKKind,
} satisfies QuestionKinds;

/**
 * The kind of a question's type, read at the union: its pieces take any question and answer. Sound because callers
 * hand it a question of that type and only answers whose `type` equals the question's (`answerFor`).
 */
export function kindOf(type: QuestionType): QuestionKind<QuestionType> {
  return QUESTION_KINDS[type] as unknown as QuestionKind<QuestionType>;
}

/** The answer when it answers `question`'s type (a stored answer from an older template may not). */
export function answerFor(question: Question, answer: Answer | undefined): Answer | undefined {
  return answer !== undefined && answer.type === question.type ? answer : undefined;
}
