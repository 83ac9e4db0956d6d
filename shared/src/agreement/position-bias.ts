import { agreementErrors } from './agreement.errors.ts';
import type { RankingValue } from './agreement-record.ts';
import { binomialTestTwoSided } from './binomial-test.ts';
import { rankingGroups } from './ranking-relations.ts';

/** A ranking together with the order its outputs were shown in (`displayOrder[0]` was shown first). */
export interface DisplayedRanking {
  unit: string;
  annotator: string;
  ranking: RankingValue;
  displayOrder: readonly string[];
}

export interface PositionBiasGroup {
  /** K, the number of outputs shown. */
  outputs: number;
  /** Rankings with a single best output. */
  trials: number;
  /** How often the output shown first was ranked best. */
  firstShownWins: number;
  rate: number;
  /** 1/K: the rate if position did not matter. */
  chance: number;
  /** Exact two-sided binomial test of rate = chance. */
  pValue: number;
}

export interface PositionBiasResult {
  /** One group per number of outputs shown, ascending (pairwise tasks are the K = 2 group). */
  groups: PositionBiasGroup[];
  /** Rankings left out because several outputs tied for best, so no single output won. */
  tiedTop: number;
}

/**
 * Position bias: does the output shown first (display position 0) win more often than chance? With K outputs shown
 * in random order and no bias, the first-shown output is ranked best with probability 1/K, so wins among n rankings
 * are Binomial(n, 1/K); we test that exactly. Rankings are grouped by K because the chance rate differs with K and a
 * binomial test needs one success probability. A ranking whose best group holds several outputs has no winner and
 * is counted in `tiedTop` rather than guessed.
 */
export function positionBias(rankings: readonly DisplayedRanking[]): PositionBiasResult {
  const byOutputs = new Map<number, { trials: number; wins: number }>();
  let tiedTop = 0;
  for (const { unit, annotator, ranking, displayOrder } of rankings) {
    const shownFirst = displayOrder[0];
    if (shownFirst === undefined) throw agreementErrors.invalidRanking(unit, annotator, 'display order is empty');
    const best = rankingGroups(unit, annotator, ranking)[0] as string[];
    if (best.length > 1) {
      tiedTop++;
      continue;
    }
    const group = byOutputs.get(displayOrder.length) ?? { trials: 0, wins: 0 };
    group.trials++;
    if (best[0] === shownFirst) group.wins++;
    byOutputs.set(displayOrder.length, group);
  }
  const groups = [...byOutputs.entries()]
    .sort(([a], [b]) => a - b)
    .map(([outputs, { trials, wins }]) => ({
      outputs,
      trials,
      firstShownWins: wins,
      rate: wins / trials,
      chance: 1 / outputs,
      pValue: binomialTestTwoSided(wins, trials, 1 / outputs),
    }));
  return { groups, tiedTop };
}
