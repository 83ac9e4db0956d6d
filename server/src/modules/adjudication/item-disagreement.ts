import {
  type Answer,
  type DisagreementQuestionType,
  disagreement,
  hasDisagreement,
  type Question,
  type QuestionOf,
} from '@feedbench/shared';

export type DisagreementQuestion = QuestionOf<DisagreementQuestionType>;

/** The question a project's disagreement is measured on: the template's first question of a scorable type. */
export function mainQuestion(questions: readonly Question[]): DisagreementQuestion | undefined {
  return questions.find((q): q is DisagreementQuestion => hasDisagreement(q));
}

/**
 * How far apart one item's annotators are on `question`, 0 (all agree) .. 1; NaN with fewer than two answers (or,
 * for rankings and ratings, nothing two annotators both judged). `answers` are one per annotator; answers of another
 * type are ignored. Each type's measure is its module's `disagreement` (shared/src/questions/<type>.ts), listed with
 * DISAGREEMENT_QUESTION_TYPES (shared/src/contracts/adjudication.ts).
 */
export function itemDisagreement(question: DisagreementQuestion, answers: readonly (Answer | undefined)[]): number {
  return disagreement(question, answers);
}
