import { agreementErrors } from './agreement.errors.ts';
import type { AgreementRecord, RankingTiePolicy } from './agreement-record.ts';
import { alphaFromCoincidences } from './krippendorff-alpha.ts';
import { PAIR_RELATIONS } from './ranking-relations.ts';
import { indexRecords, recordAt } from './record-index.ts';
import { compareIds } from './units-table.ts';

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
  /** Per annotator pair (ids in order): the items they share and their mean agreement over those items. */
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
 * are first-better / second-better / tie (the pair named in id order), so a pair compared by many annotators counts
 * all their pairings.
 */
export function pairwiseAgreement(
  records: readonly AgreementRecord[],
  options: { ties?: RankingTiePolicy } = {},
): PairwiseAgreementResult {
  const ties = options.ties ?? 'judgement';
  const compared = compareRankings(records, ties);
  let sum = 0;
  let units = 0;
  for (const item of compared.items) {
    if (Number.isNaN(item.agreement)) continue;
    sum += item.agreement;
    units++;
  }
  const relations = RELATIONS;
  const total = new Float64Array(relations * relations);
  for (let i = 0; i < compared.itemCoincidences.length; i++) {
    total[i % total.length] = (total[i % total.length] as number) + (compared.itemCoincidences[i] as number);
  }
  return {
    value: units > 0 ? sum / units : Number.NaN,
    units,
    annotators: compared.annotators,
    ties,
    comparisons: compared.comparisons,
    alpha: alphaFromCoincidences([...PAIR_RELATIONS], total, 'nominal').value,
    annotatorPairs: compared.annotatorPairs,
  };
}

/** One item's agreement: NaN when no two annotators ranked a common pair of outputs. */
export interface RankingItemAgreement {
  unit: string;
  agreement: number;
  comparisons: number;
}

export interface RankingComparisons {
  /** Every item (unit), in first-seen order. */
  items: RankingItemAgreement[];
  /**
   * Per item, the 3 x 3 coincidence matrix (Krippendorff 2011) of its (output pair) units with values `PAIR_RELATIONS`:
   * cell [item * 9 + c * 3 + k]. Summed over any multiset of items they give that multiset's chance-corrected alpha,
   * which is how item-level bootstrap resamples are scored without recomputing rankings.
   */
  itemCoincidences: Float64Array;
  annotatorPairs: PairwiseAgreementResult['annotatorPairs'];
  /** Annotators in at least one comparison. */
  annotators: number;
  comparisons: number;
}

const RELATIONS = PAIR_RELATIONS.length;
const ABSENT = -1;
const FIRST_BETTER = 0;
const SECOND_BETTER = 1;
const TIE = 2;

/**
 * Each item's pairwise comparisons, in one pass with typed scratch arrays: output ids are numbered per item (and put
 * in id order, which names each pair), each ranking becomes a group index per output, and pairs of rankings compare
 * the relation of every pair of outputs. No per-pair objects or key strings.
 */
export function compareRankings(records: readonly AgreementRecord[], ties: RankingTiePolicy): RankingComparisons {
  const index = indexRecords(records);
  const { unitIds, annotatorIds, unitStart, annotatorOf } = index;
  const annotatorCount = annotatorIds.length;
  const annotatorRank = new Int32Array(annotatorCount);
  annotatorIds
    .map((_, a) => a)
    .sort((a, b) => compareIds(annotatorIds[a] as string, annotatorIds[b] as string))
    .forEach((a, rank) => {
      annotatorRank[a] = rank;
    });

  const items: RankingItemAgreement[] = [];
  const itemCoincidences = new Float64Array(unitIds.length * RELATIONS * RELATIONS);
  const byAnnotatorPair = new Map<number, { first: number; second: number; items: number; sum: number }>();
  const inComparison = new Uint8Array(annotatorCount);
  let comparisons = 0;

  // Scratch reused across items.
  const localIds = new Map<string, number>();
  const ids: string[] = [];
  let lastRankingOf: number[] = [];
  const entryRanking: number[] = [];
  const entryOutput: number[] = [];
  const entryGroup: number[] = [];
  let ranks = new Int32Array(64);
  let relations = new Int8Array(64);
  const counts = new Int32Array(RELATIONS);

  for (let u = 0; u < unitIds.length; u++) {
    const unit = unitIds[u] as string;
    const from = unitStart[u] as number;
    const rankingCount = (unitStart[u + 1] as number) - from;
    localIds.clear();
    ids.length = 0;
    lastRankingOf = [];
    entryRanking.length = 0;
    entryOutput.length = 0;
    entryGroup.length = 0;

    // Validate each ranking (the checks of `rankingGroups`) and number its outputs.
    for (let t = 0; t < rankingCount; t++) {
      const { annotator, value } = records[recordAt(index, from + t)] as AgreementRecord;
      if (!Array.isArray(value)) throw agreementErrors.wrongValueType('ranking agreement', 'ranking', unit, annotator);
      if (value.length === 0) throw malformed(unit, annotator);
      for (let g = 0; g < value.length; g++) {
        const entry = value[g];
        const group = Array.isArray(entry) ? entry : [entry];
        if (group.length === 0) throw malformed(unit, annotator);
        for (const id of group) {
          if (typeof id !== 'string' || id === '') throw malformed(unit, annotator);
          let local = localIds.get(id);
          if (local === undefined) {
            local = ids.length;
            localIds.set(id, local);
            ids.push(id);
            lastRankingOf.push(-1);
          }
          if (lastRankingOf[local] === t) {
            throw agreementErrors.invalidRanking(unit, annotator, 'an output is ranked twice');
          }
          lastRankingOf[local] = t;
          entryRanking.push(t);
          entryOutput.push(local);
          entryGroup.push(g);
        }
      }
    }

    // Outputs in id order: pair (p, q) with p < q names its outputs in id order, as `pairRelations` does.
    const k = ids.length;
    const sortedPosition = new Int32Array(k);
    ids
      .map((_, i) => i)
      .sort((a, b) => compareIds(ids[a] as string, ids[b] as string))
      .forEach((local, position) => {
        sortedPosition[local] = position;
      });
    if (ranks.length < rankingCount * k) ranks = new Int32Array(rankingCount * k * 2);
    ranks.fill(-1, 0, rankingCount * k);
    for (let e = 0; e < entryRanking.length; e++) {
      ranks[(entryRanking[e] as number) * k + (sortedPosition[entryOutput[e] as number] as number)] = entryGroup[
        e
      ] as number;
    }

    const pairCount = (k * (k - 1)) / 2;
    if (relations.length < rankingCount * pairCount) relations = new Int8Array(rankingCount * pairCount * 2);
    for (let t = 0; t < rankingCount; t++) {
      let pair = t * pairCount;
      for (let p = 0; p < k; p++) {
        const a = ranks[t * k + p] as number;
        for (let q = p + 1; q < k; q++, pair++) {
          const b = ranks[t * k + q] as number;
          relations[pair] =
            a < 0 || b < 0 ? ABSENT : a < b ? FIRST_BETTER : a > b ? SECOND_BETTER : ties === 'skip' ? ABSENT : TIE;
        }
      }
    }

    // Annotator pairs of the item.
    let shareSum = 0;
    let sharedPairs = 0;
    let itemComparisons = 0;
    for (let t1 = 0; t1 < rankingCount; t1++) {
      for (let t2 = t1 + 1; t2 < rankingCount; t2++) {
        let compared = 0;
        let agreed = 0;
        for (let pair = 0; pair < pairCount; pair++) {
          const x = relations[t1 * pairCount + pair] as number;
          const y = relations[t2 * pairCount + pair] as number;
          if (x === ABSENT || y === ABSENT) continue;
          compared++;
          if (x === y) agreed++;
        }
        if (compared === 0) continue;
        itemComparisons += compared;
        shareSum += agreed / compared;
        sharedPairs++;
        const a = annotatorOf[recordAt(index, from + t1)] as number;
        const b = annotatorOf[recordAt(index, from + t2)] as number;
        inComparison[a] = 1;
        inComparison[b] = 1;
        const [first, second] = (annotatorRank[a] as number) < (annotatorRank[b] as number) ? [a, b] : [b, a];
        const key = first * annotatorCount + second;
        const entry = byAnnotatorPair.get(key) ?? { first, second, items: 0, sum: 0 };
        entry.items++;
        entry.sum += agreed / compared;
        byAnnotatorPair.set(key, entry);
      }
    }
    comparisons += itemComparisons;
    items.push({
      unit,
      agreement: sharedPairs > 0 ? shareSum / sharedPairs : Number.NaN,
      comparisons: itemComparisons,
    });

    // Coincidences of the item's (output pair) units: o_ck += n_c n_k (c != k) or n_c (n_c - 1), over m - 1.
    const cell = u * RELATIONS * RELATIONS;
    for (let pair = 0; pair < pairCount; pair++) {
      counts.fill(0);
      let m = 0;
      for (let t = 0; t < rankingCount; t++) {
        const relation = relations[t * pairCount + pair] as number;
        if (relation === ABSENT) continue;
        counts[relation] = (counts[relation] as number) + 1;
        m++;
      }
      if (m < 2) continue;
      for (let c = 0; c < RELATIONS; c++) {
        const nc = counts[c] as number;
        if (nc === 0) continue;
        for (let d = 0; d < RELATIONS; d++) {
          const nd = counts[d] as number;
          const pairs = c === d ? nc * (nc - 1) : nc * nd;
          const at = cell + c * RELATIONS + d;
          itemCoincidences[at] = (itemCoincidences[at] as number) + pairs / (m - 1);
        }
      }
    }
  }

  const annotatorPairs = [...byAnnotatorPair.values()]
    .sort(
      (x, y) =>
        (annotatorRank[x.first] as number) - (annotatorRank[y.first] as number) ||
        (annotatorRank[x.second] as number) - (annotatorRank[y.second] as number),
    )
    .map(({ first, second, items: count, sum }) => ({
      annotators: [annotatorIds[first] as string, annotatorIds[second] as string] as [string, string],
      items: count,
      agreement: sum / count,
    }));
  let annotators = 0;
  for (const flag of inComparison) annotators += flag;
  return { items, itemCoincidences, annotatorPairs, annotators, comparisons };
}

function malformed(unit: string, annotator: string) {
  return agreementErrors.invalidRanking(unit, annotator, 'a ranking is non-empty groups of non-empty output ids');
}
