import type { AgreementRecord, RankingTiePolicy } from './agreement-record.ts';
import { alphaFromUnitValues } from './krippendorff-alpha.ts';
import { itemRelations, pairRelationRecords } from './ranking-relations.ts';
import { unitsTable } from './units-table.ts';

export interface PairwiseAgreementResult {
  /** Mean over items of the mean over annotator pairs of the share of output pairs ordered the same way. */
  value: number;
  /** Items with at least one pair of annotators who ordered at least one common pair of outputs. */
  units: number;
  annotators: number;
  ties: RankingTiePolicy;
  /** Output-pair comparisons made (one per annotator pair per common output pair). */
  comparisons: number;
  /** Krippendorff's alpha (nominal) over (item, output pair) units: the chance-corrected counterpart of `value`. */
  alpha: number;
  /** Per annotator pair: the items they share and their mean agreement over those items. */
  annotatorPairs: { annotators: [string, string]; items: number; agreement: number }[];
}

/**
 * Ranking agreement as InstructGPT reports it (Ouyang et al. 2022 give inter-labeler agreement of 72.6 ± 1.5% among
 * training labelers): each ranking induces C(K,2) pairwise judgements; two annotators agree on a pair of outputs
 * when they order it the same way; their agreement on an item is the share of the pairs both ranked that they order
 * the same way. The project figure averages over the annotator pairs of each item, then over items, so an item with
 * many annotators weighs no more than one with two.
 *
 * Tie policy (`ties`): `judgement` (default) treats "equally good" as a third answer, so tie vs tie agrees and tie
 * vs a strict order disagrees; `skip` leaves out any pair either annotator tied. Only outputs both annotators ranked
 * are compared, so partial rankings work.
 *
 * The chance-corrected figure is nominal Krippendorff's alpha whose units are (item, output pair) and whose values
 * are first-better / second-better / tie, so a pair compared by many annotators counts all their pairings.
 */
export function pairwiseAgreement(
  records: readonly AgreementRecord[],
  options: { ties?: RankingTiePolicy } = {},
): PairwiseAgreementResult {
  const ties = options.ties ?? 'judgement';
  const items = unitsTable(records);
  const byAnnotatorPair = new Map<string, { annotators: [string, string]; items: number; sum: number }>();
  const itemShares: number[] = [];
  const annotators = new Set<string>();
  let comparisons = 0;

  for (const item of items) {
    const rankings = itemRelations(item, ties);
    const shares: number[] = [];
    for (let i = 0; i < rankings.length; i++) {
      for (let j = i + 1; j < rankings.length; j++) {
        const a = rankings[i] as (typeof rankings)[number];
        const b = rankings[j] as (typeof rankings)[number];
        let compared = 0;
        let agreed = 0;
        for (const [key, relation] of a.relations) {
          const other = b.relations.get(key);
          if (other === undefined) continue;
          compared++;
          if (other === relation) agreed++;
        }
        if (compared === 0) continue;
        comparisons += compared;
        shares.push(agreed / compared);
        annotators.add(a.annotator).add(b.annotator);
        const pairId = JSON.stringify([a.annotator, b.annotator]);
        const pair = byAnnotatorPair.get(pairId) ?? { annotators: [a.annotator, b.annotator], items: 0, sum: 0 };
        pair.items++;
        pair.sum += agreed / compared;
        byAnnotatorPair.set(pairId, pair);
      }
    }
    if (shares.length > 0) itemShares.push(mean(shares));
  }

  const relationUnits = new Map<string, string[]>();
  for (const { unit, value } of pairRelationRecords(items, ties)) {
    const values = relationUnits.get(unit);
    if (values) values.push(value);
    else relationUnits.set(unit, [value]);
  }

  return {
    value: itemShares.length > 0 ? mean(itemShares) : Number.NaN,
    units: itemShares.length,
    annotators: annotators.size,
    ties,
    comparisons,
    alpha: alphaFromUnitValues([...relationUnits.values()], 'nominal').value,
    annotatorPairs: [...byAnnotatorPair.values()].map(({ annotators: pair, items: count, sum }) => ({
      annotators: pair,
      items: count,
      agreement: sum / count,
    })),
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
