import type { AgreementRecord } from './agreement-record.ts';
import { exactlyTwoAnnotators, expectNumber, pairedValues, unitsTable } from './units-table.ts';

export interface KendallTauResult {
  /** NaN when one annotator gave every unit the same value (tau-b's denominator is 0) or fewer than two units. */
  value: number;
  /** Units both annotators rated. */
  units: number;
  annotators: 2;
  concordant: number;
  discordant: number;
  /** Unit pairs tied by the first annotator only, and by the second only. */
  tiedFirstOnly: number;
  tiedSecondOnly: number;
}

/**
 * Kendall's tau-b between two annotators over the units both rated (Kendall 1945, "The treatment of ties in ranking
 * problems"; the definition in scipy.stats.kendalltau's notes):
 *   tau_b = (P - Q) / sqrt((P + Q + T) (P + Q + U)),
 * P concordant pairs, Q discordant, T tied only in the first annotator's values, U tied only in the second's
 * (pairs tied in both count nowhere). A plain O(n^2) count: agreement sets are small.
 */
export function kendallTau(records: readonly AgreementRecord[]): KendallTauResult {
  const table = unitsTable(records);
  const [first, second] = exactlyTwoAnnotators("Kendall's tau", table);
  const pairs = pairedValues(table, first, second).map(({ unit, first: a, second: b }) => [
    expectNumber("Kendall's tau", unit, first, a),
    expectNumber("Kendall's tau", unit, second, b),
  ]);
  let concordant = 0;
  let discordant = 0;
  let tiedFirstOnly = 0;
  let tiedSecondOnly = 0;
  for (let i = 0; i < pairs.length; i++) {
    const [xi, yi] = pairs[i] as [number, number];
    for (let j = i + 1; j < pairs.length; j++) {
      const [xj, yj] = pairs[j] as [number, number];
      const dx = Math.sign(xi - xj);
      const dy = Math.sign(yi - yj);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) tiedFirstOnly++;
      else if (dy === 0) tiedSecondOnly++;
      else if (dx === dy) concordant++;
      else discordant++;
    }
  }
  const denominator = Math.sqrt((concordant + discordant + tiedFirstOnly) * (concordant + discordant + tiedSecondOnly));
  return {
    value: denominator > 0 ? (concordant - discordant) / denominator : Number.NaN,
    units: pairs.length,
    annotators: 2,
    concordant,
    discordant,
    tiedFirstOnly,
    tiedSecondOnly,
  };
}
