import type { AgreementBatch } from '@feedbench/shared';
import { type Estimator, finite, type QuestionItems } from './agreement.records.ts';

/**
 * Agreement by batch, the alternative to the series by day: by import (a new file of prompts can be harder, or
 * differently phrased) and by fixed-size runs of submission order (drift as annotators tire or learn, whatever the
 * calendar). As with days, every item belongs to one batch and a batch's estimates use its items alone; the same
 * per-item statistics as the project figure, drawn with weight 1 for the batch's items and 0 for the others.
 */
export function overBatches(items: QuestionItems, estimators: readonly Estimator[], batchSize: number) {
  const indices = items.ids.map((_, i) => i);

  const imports = [...new Set(items.importedAt)].sort((a, b) => a - b);
  const importBatches = imports.map((at) => ({
    members: indices.filter((i) => items.importedAt[i] === at),
    from: at,
    to: at,
  }));

  // Submission order: by the item's latest answer (when its agreement became what it is), ties by item id order.
  const bySubmission = [...indices].sort(
    (a, b) => (items.lastAnsweredAt[a] as number) - (items.lastAnsweredAt[b] as number) || a - b,
  );
  const submissionBatches: { members: number[]; from: number; to: number }[] = [];
  for (let start = 0; start < bySubmission.length; start += batchSize) {
    const members = bySubmission.slice(start, start + batchSize);
    submissionBatches.push({
      members,
      from: items.lastAnsweredAt[members[0] as number] as number,
      to: items.lastAnsweredAt[members.at(-1) as number] as number,
    });
  }

  const draws = new Float64Array(items.ids.length);
  const score = (batches: { members: number[]; from: number; to: number }[]): AgreementBatch[] =>
    batches.map(({ members, from, to }, b) => {
      draws.fill(0);
      let annotations = 0;
      for (const i of members) {
        draws[i] = 1;
        annotations += items.annotators[i] as number;
      }
      return {
        index: b + 1,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        items: members.length,
        annotations,
        estimates: estimators.map(({ estimate, statistic }) => ({ estimate, value: finite(statistic(draws)) })),
      };
    });

  return { import: score(importBatches), submission: score(submissionBatches), batchSize };
}
