import { type AgreementRecord, compareIds, type Question } from '@feedbench/shared';
import type { SubmittedAnnotation } from './agreement.repository.ts';

/** A question agreement is computed for. */
export type AgreementQuestion = Extract<Question, { type: 'ranking' | 'rating' }>;

export function hasAgreement(question: Question): question is AgreementQuestion {
  return question.type === 'ranking' || question.type === 'rating';
}

/**
 * A question's answers as long-format agreement records (shared/src/agreement):
 * - ranking: unit = item id, value = the ranking's groups (best first, tied outputs together);
 * - rating: unit = `${itemId}:${outputId}`, value = the rating (one unit per rated output).
 * Sorted by unit then annotator, so every consumer (metrics, bootstrap draws) sees one order.
 */
export function questionRecords(
  annotations: readonly SubmittedAnnotation[],
  question: AgreementQuestion,
): AgreementRecord[] {
  const records: AgreementRecord[] = [];
  for (const { itemId, userId, answers } of annotations) {
    const answer = answers[question.id];
    if (question.type === 'ranking' && answer?.type === 'ranking') {
      records.push({ unit: itemId, annotator: userId, value: answer.groups });
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
