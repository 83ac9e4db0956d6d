import { type PairStrategy, rankingPairs } from '@feedbench/shared';

/** A preference between two outputs of one item: `chosen` was ranked strictly above `rejected`. */
export interface PreferencePair {
  chosen: string;
  rejected: string;
}

/**
 * The pairs a ranking (groups of output ids, best group first) yields under a strategy; outputs in one group are tied
 * and never make a pair. `all`: every C(K,2) induced pair (InstructGPT, Ouyang et al. 2022, section 3.5);
 * `best-vs-rest`: each output of the top group against every lower output; `adjacent`: each group against the next.
 */
export function pairsFromRanking(groups: readonly string[][], strategy: PairStrategy): PreferencePair[] {
  if (strategy === 'all') return rankingPairs(groups as string[][]).map(([chosen, rejected]) => ({ chosen, rejected }));
  const pairs: PreferencePair[] = [];
  const against = (upper: readonly string[], lower: readonly string[]) => {
    for (const chosen of upper) for (const rejected of lower) pairs.push({ chosen, rejected });
  };
  if (strategy === 'best-vs-rest') {
    const [top = [], ...rest] = groups;
    for (const chosen of top) against([chosen], rest.flat());
    return pairs;
  }
  for (let rank = 0; rank + 1 < groups.length; rank++) against(groups[rank] ?? [], groups[rank + 1] ?? []);
  return pairs;
}

/** Competition ranks ("1224"): 1 + the number of outputs ranked strictly better, so tied outputs share a rank. */
export function competitionRanks(groups: readonly string[][]): Map<string, number> {
  const ranks = new Map<string, number>();
  let better = 0;
  for (const group of groups) {
    for (const id of group) ranks.set(id, better + 1);
    better += group.length;
  }
  return ranks;
}
