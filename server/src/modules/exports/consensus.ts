import type { ConsensusMethod } from '@feedbench/shared';

export interface Consensus {
  /** Output ids, best group first; a group of 2+ is a tie. */
  groups: string[][];
  /** Copeland score (majority) or centred Bradley-Terry log-strength, per output. */
  scores: Map<string, number>;
  /** Share of the annotators who ranked both outputs that put `chosen` strictly above `rejected`. */
  agreement(chosen: string, rejected: string): number;
}

/** Pseudo-wins added both ways to every compared pair, so a unanimous pair keeps a finite Bradley-Terry strength. */
const BT_PRIOR = 0.1;
const BT_MAX_ITERATIONS = 1000;
const BT_TOLERANCE = 1e-10;
/** Scores closer than this are a tie (Bradley-Terry strengths of tied outputs agree only up to float error). */
const TIE_EPSILON = 1e-6;

/**
 * One ranking of an item's outputs from several annotators' rankings (groups of output ids, best first).
 * `majority`: Copeland's method (Copeland 1951): an output scores 1 per other output a strict majority of annotators
 * ranked below it and 1/2 per even split. `bradley-terry`: strengths fitted to every pairwise comparison the rankings
 * induce, ties counted half a win each way, by Hunter's MM algorithm (Hunter 2004, "MM algorithms for generalized
 * Bradley-Terry models", eq. 3); scores are log-strengths centred on zero.
 */
export function consensusRanking(
  rankings: readonly (readonly string[][])[],
  outputIds: readonly string[],
  method: ConsensusMethod,
): Consensus {
  const index = new Map(outputIds.map((id, i) => [id, i]));
  const k = outputIds.length;
  // k x k counts, row-major: wins[i * k + j] annotators put i above j; judged[i * k + j] ranked both.
  const wins = new Float64Array(k * k);
  const judged = new Float64Array(k * k);
  for (const groups of rankings) {
    const rank = new Map<number, number>();
    groups.forEach((group, r) => {
      for (const id of group) {
        const i = index.get(id);
        if (i !== undefined) rank.set(i, r);
      }
    });
    for (const [i, ri] of rank) {
      for (const [j, rj] of rank) {
        if (i === j) continue;
        judged[i * k + j] = (judged[i * k + j] ?? 0) + 1;
        if (ri < rj) wins[i * k + j] = (wins[i * k + j] ?? 0) + 1;
      }
    }
  }
  const w = (i: number, j: number) => wins[i * k + j] as number;
  const n = (i: number, j: number) => judged[i * k + j] as number;

  const raw = method === 'majority' ? copelandScores(k, w, n) : bradleyTerryScores(k, w, n);
  const scores = new Map(outputIds.map((id, i) => [id, raw[i] as number]));
  const order = [...outputIds].sort((a, b) => (scores.get(b) as number) - (scores.get(a) as number));
  const groups: string[][] = [];
  let previous = Number.NaN;
  for (const id of order) {
    const score = scores.get(id) as number;
    const last = groups.at(-1);
    if (last && Math.abs(previous - score) <= TIE_EPSILON) last.push(id);
    else groups.push([id]);
    previous = score;
  }
  return {
    groups,
    scores,
    agreement(chosen, rejected) {
      const i = index.get(chosen);
      const j = index.get(rejected);
      if (i === undefined || j === undefined || n(i, j) === 0) return 0;
      return w(i, j) / n(i, j);
    },
  };
}

type Count = (i: number, j: number) => number;

function copelandScores(k: number, w: Count, n: Count): number[] {
  return Array.from({ length: k }, (_, i) => {
    let score = 0;
    for (let j = 0; j < k; j++) {
      if (i === j || n(i, j) === 0) continue;
      if (w(i, j) > w(j, i)) score += 1;
      else if (w(i, j) === w(j, i)) score += 0.5;
    }
    return score;
  });
}

function bradleyTerryScores(k: number, w: Count, n: Count): number[] {
  // A tie is half a win each way; the prior adds BT_PRIOR pseudo-wins each way to every compared pair.
  const won = (i: number, j: number) => (n(i, j) === 0 ? 0 : w(i, j) + (n(i, j) - w(i, j) - w(j, i)) / 2 + BT_PRIOR);
  const games = (i: number, j: number) => (n(i, j) === 0 ? 0 : n(i, j) + 2 * BT_PRIOR);
  let strength: number[] = Array.from({ length: k }, () => 1);
  for (let iteration = 0; iteration < BT_MAX_ITERATIONS; iteration++) {
    const next = strength.map((gi, i) => {
      let totalWins = 0;
      let denominator = 0;
      for (let j = 0; j < k; j++) {
        if (i === j || games(i, j) === 0) continue;
        totalWins += won(i, j);
        denominator += games(i, j) / (gi + (strength[j] as number));
      }
      return denominator === 0 ? gi : totalWins / denominator;
    });
    const logMean = next.reduce((sum, g) => sum + Math.log(g), 0) / k;
    const normalized = next.map((g) => g / Math.exp(logMean));
    const change = Math.max(...normalized.map((g, i) => Math.abs(Math.log(g) - Math.log(strength[i] as number))));
    strength = normalized;
    if (change < BT_TOLERANCE) break;
  }
  return strength.map((g) => Math.log(g));
}
