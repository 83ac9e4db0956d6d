import {
  type AgreementRecord,
  type AnnotatorAgreement,
  type AnnotatorGold,
  annotatorQuality,
  compareIds,
} from '@feedbench/shared';
import { type AgreementQuestion, familyOf, finite } from './agreement.records.ts';
import type { SubmittedAnnotation } from './agreement.repository.ts';

/**
 * The per-annotator table: throughput, median time on task, accuracy on gold items (from the gold module), and per
 * question the agreement with the leave-one-out consensus of the other annotators with its outlier flag
 * (`annotatorQuality` in shared/src/agreement: majority judgement on (item, output pair) units for rankings; Pearson
 * r with the others' mean rating, interval level, for ratings). An annotator below the gold bar is flagged too.
 * Most annotations first.
 */
export function annotatorTable(
  annotations: readonly SubmittedAnnotation[],
  questions: readonly { question: AgreementQuestion; records: readonly AgreementRecord[] }[],
  emails: ReadonlyMap<string, string>,
  gold?: ReadonlyMap<string, AnnotatorGold>,
): AnnotatorAgreement[] {
  const byUser = new Map<string, { annotations: number; times: number[]; last: Date }>();
  for (const { userId, timeOnTaskMs, submittedAt } of annotations) {
    const row = byUser.get(userId) ?? { annotations: 0, times: [], last: submittedAt };
    row.annotations++;
    if (timeOnTaskMs !== null) row.times.push(timeOnTaskMs);
    if (submittedAt > row.last) row.last = submittedAt;
    byUser.set(userId, row);
  }
  const quality = questions.map(({ question, records }) => ({
    questionId: question.id,
    byAnnotator: new Map(
      (records.length > 0
        ? annotatorQuality(records, { level: familyOf(question) === 'scale' ? 'interval' : 'nominal' })
        : []
      ).map((q) => [q.annotator, q]),
    ),
  }));

  return [...byUser.entries()]
    .map(([userId, row]): AnnotatorAgreement => {
      const perQuestion = quality.flatMap(({ questionId, byAnnotator }) => {
        const q = byAnnotator.get(userId);
        if (!q) return [];
        return [
          {
            questionId,
            units: q.units,
            score: finite(q.score),
            ...(q.meanAbsoluteDeviation === undefined
              ? {}
              : { meanAbsoluteDeviation: finite(q.meanAbsoluteDeviation) }),
            z: q.z === null ? null : finite(q.z),
            outlier: q.outlier,
          },
        ];
      });
      const standing = gold?.get(userId) ?? null;
      return {
        userId,
        email: emails.get(userId) ?? null,
        annotations: row.annotations,
        medianTimeOnTaskMs: row.times.length > 0 ? median(row.times) : null,
        gold: standing,
        lastSubmittedAt: row.last.toISOString(),
        questions: perQuestion,
        outlier: perQuestion.some((q) => q.outlier) || standing?.belowThreshold === true,
      };
    })
    .sort((a, b) => b.annotations - a.annotations || compareIds(a.email ?? a.userId, b.email ?? b.userId));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
