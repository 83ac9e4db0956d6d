import { agreementErrors } from './agreement.errors.ts';
import type { AgreementValue, RankingTiePolicy } from './agreement-record.ts';
import { compareIds, type UnitRatings } from './units-table.ts';

/** How one annotator ordered one pair of outputs, the pair named in id order (first < second). */
export const PAIR_RELATIONS = ['first-better', 'second-better', 'tie'] as const;
export type PairRelation = (typeof PAIR_RELATIONS)[number];

/** A ranking value as groups of tied ids, best group first; checks the shape the zod schema also enforces. */
export function rankingGroups(unit: string, annotator: string, value: AgreementValue): string[][] {
  if (!Array.isArray(value)) throw agreementErrors.wrongValueType('ranking agreement', 'ranking', unit, annotator);
  const groups = value.map((entry) => (Array.isArray(entry) ? [...entry] : [entry]));
  if (groups.length === 0 || groups.some((g) => g.length === 0 || g.some((id) => typeof id !== 'string' || !id))) {
    throw agreementErrors.invalidRanking(unit, annotator, 'a ranking is non-empty groups of non-empty output ids');
  }
  const ids = groups.flat();
  if (new Set(ids).size !== ids.length)
    throw agreementErrors.invalidRanking(unit, annotator, 'an output is ranked twice');
  return groups;
}

/**
 * Every pair of outputs in a ranking with the annotator's judgement on it: C(K,2) pairs for K outputs, the
 * comparisons InstructGPT trains its reward model on (Ouyang et al. 2022, section 3.5). Tied outputs give a `tie`.
 * Keyed by `pairKey`.
 */
export function pairRelations(groups: readonly string[][]): Map<string, PairRelation> {
  const position = new Map<string, number>();
  groups.forEach((group, rank) => {
    for (const id of group) position.set(id, rank);
  });
  const ids = [...position.keys()].sort(compareIds);
  const relations = new Map<string, PairRelation>();
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const first = ids[i] as string;
      const second = ids[j] as string;
      const a = position.get(first) as number;
      const b = position.get(second) as number;
      relations.set(pairKey(first, second), a < b ? 'first-better' : a > b ? 'second-better' : 'tie');
    }
  }
  return relations;
}

/** Pair ids in id order, unambiguous whatever characters the ids hold. */
export function pairKey(first: string, second: string): string {
  return JSON.stringify([first, second]);
}

/** Each annotator's pair relations on one item; under the `skip` policy tied pairs are removed. */
export function itemRelations(
  item: UnitRatings,
  ties: RankingTiePolicy,
): { annotator: string; relations: Map<string, PairRelation> }[] {
  return item.ratings.map(({ annotator, value }) => {
    const relations = pairRelations(rankingGroups(item.unit, annotator, value));
    if (ties === 'skip') for (const [key, relation] of relations) if (relation === 'tie') relations.delete(key);
    return { annotator, relations };
  });
}

/**
 * Rankings as nominal records over (item, pair of outputs) units, the units of the chance-corrected ranking
 * agreement and of per-annotator quality on ranking tasks.
 */
export function pairRelationRecords(
  items: readonly UnitRatings[],
  ties: RankingTiePolicy,
): { unit: string; annotator: string; value: PairRelation }[] {
  return items.flatMap((item) =>
    itemRelations(item, ties).flatMap(({ annotator, relations }) =>
      [...relations].map(([key, value]) => ({ unit: `${JSON.stringify(item.unit)} ${key}`, annotator, value })),
    ),
  );
}
