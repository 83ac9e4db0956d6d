import {
  type AgreementEstimateName,
  type AgreementRecord,
  type Answer,
  compareIds,
  type DrawnStatistic,
  type Question,
} from '@feedbench/shared';
import type { SubmittedAnnotation } from './agreement.repository.ts';

/** A question agreement is computed for. */
export type AgreementQuestion = Extract<Question, { type: 'ranking' | 'pairwise' | 'rating' }>;

export function hasAgreement(question: Question): question is AgreementQuestion {
  return question.type === 'ranking' || question.type === 'pairwise' || question.type === 'rating';
}

/**
 * An answer that orders outputs, as ranking groups (best first, tied outputs together): a ranking as given; a Llama 2
 * pairwise verdict as a ranking of its two outputs, the preferred one first, a tie or "both bad" as one tied group
 * (no preference either way; the strength is left out, as InstructGPT's pairwise agreement counts directions only).
 */
export function orderingOf(answer: Answer | undefined, displayOrder: readonly string[]): string[][] | undefined {
  if (answer?.type === 'ranking') return answer.groups;
  if (answer?.type !== 'pairwise') return undefined;
  if (answer.verdict === 'preferred' && answer.preferred !== undefined) {
    return [[answer.preferred], displayOrder.filter((id) => id !== answer.preferred)];
  }
  return [[...displayOrder]];
}

/**
 * A question's answers as long-format agreement records (shared/src/agreement):
 * - ranking and pairwise: unit = item id, value = the ranking's groups (best first, tied outputs together; a pairwise
 *   verdict as `orderingOf` reads it);
 * - rating: unit = `${itemId}:${outputId}`, value = the rating (one unit per rated output).
 * Sorted by unit then annotator, so every consumer (metrics, bootstrap draws) sees one order.
 */
export function questionRecords(
  annotations: readonly SubmittedAnnotation[],
  question: AgreementQuestion,
): AgreementRecord[] {
  const records: AgreementRecord[] = [];
  for (const { itemId, userId, answers, displayOrder } of annotations) {
    const answer = answers[question.id];
    const ordering = question.type === 'rating' ? undefined : orderingOf(answer, displayOrder);
    if (ordering && answer?.type === question.type) {
      records.push({ unit: itemId, annotator: userId, value: ordering });
    } else if (question.type === 'rating' && answer?.type === 'rating') {
      for (const [outputId, value] of Object.entries(answer.values)) {
        records.push({ unit: `${itemId}:${outputId}`, annotator: userId, value });
      }
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
