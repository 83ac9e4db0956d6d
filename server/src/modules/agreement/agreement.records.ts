import {
  type AgreementEstimateName,
  type AgreementFamily,
  type AgreementRecord,
  type Answer,
  agreementFamily,
  answerAgreementFamily,
  answerRecords,
  compareIds,
  type DrawnStatistic,
  type Question,
  recordsOfAnswer,
} from '@feedbench/shared';
import type { SubmittedAnnotation } from './agreement.repository.ts';

/** A question agreement is computed for (its module has an agreement family). */
export type AgreementQuestion = Extract<Question, { type: 'ranking' | 'pairwise' | 'rating' | 'best-of-k' }>;

export function hasAgreement(question: Question): question is AgreementQuestion {
  return agreementFamily(question) !== null;
}

/** The family of a question agreement is computed for (see AgreementFamily in shared/src/questions). */
export function familyOf(question: AgreementQuestion): AgreementFamily {
  return agreementFamily(question) as AgreementFamily;
}

/**
 * An answer that orders outputs, as ranking groups (best first, tied outputs together): a ranking as given; a Llama 2
 * pairwise verdict as a ranking of its two outputs, the preferred one first, a tie or "both bad" as one tied group
 * (no preference either way; the strength is left out, as InstructGPT's pairwise agreement counts directions only).
 * Undefined for an answer of a type outside the `ordering` family.
 */
export function orderingOf(answer: Answer | undefined, displayOrder: readonly string[]): string[][] | undefined {
  if (answer === undefined || answerAgreementFamily(answer) !== 'ordering') return undefined;
  return recordsOfAnswer(answer, { itemId: '', displayOrder })[0]?.value as string[][] | undefined;
}

/**
 * A question's answers as long-format agreement records (shared/src/agreement), as its module yields them:
 * - ranking and pairwise: unit = item id, value = the ranking's groups (best first, tied outputs together; a pairwise
 *   verdict as `orderingOf` reads it);
 * - rating: unit = `${itemId}:${outputId}`, value = the rating (one unit per rated output);
 * - best-of-k: unit = item id, value = `output:<id>` or `none` (a nominal label).
 * Sorted by unit then annotator, so every consumer (metrics, bootstrap draws) sees one order.
 */
export function questionRecords(
  annotations: readonly SubmittedAnnotation[],
  question: AgreementQuestion,
): AgreementRecord[] {
  const records: AgreementRecord[] = [];
  for (const { itemId, userId, answers, displayOrder } of annotations) {
    for (const { unit, value } of answerRecords(question, answers[question.id], { itemId, displayOrder })) {
      records.push({ unit, annotator: userId, value });
    }
  }
  return records.sort((a, b) => compareIds(a.unit, b.unit) || compareIds(a.annotator, b.annotator));
}

/** JSON has no NaN: an undefined statistic is null (and so is an infinite one, which zod would refuse too). */
export const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

/** The items of one question, in item-id order (the bootstrap's cluster order), with what the series needs. */
export interface QuestionItems {
  ids: string[];
  externalIds: string[];
  /** Answers per item. */
  annotators: number[];
  /** UTC day of the item's latest answer to the question. */
  days: string[];
  /** UTC day of every answer, for the per-day answer counts. */
  answerDays: string[];
  /** Per item: when its import ran (ms), and when its latest answer was submitted (ms). */
  importedAt: number[];
  lastAnsweredAt: number[];
  annotatorCount: number;
}

/** One estimate of a question, as a statistic drawn per item (the report, its series by day and by batch). */
export interface Estimator {
  estimate: AgreementEstimateName;
  statistic: DrawnStatistic;
  /** Items that contribute to the estimate. */
  items: number;
}
