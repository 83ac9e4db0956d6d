import { type Answer, preferenceView } from '@feedbench/shared';

/** An item as the leaderboard reads it: its outputs' models and lengths, and the preference answers given on it. */
export interface LeaderboardItem {
  itemId: string;
  outputs: { id: string; model: string | null; length: number }[];
  /** One answer per annotation to the preference question (undefined when the annotator left it unanswered). */
  answers: (Answer | undefined)[];
}

type Output = LeaderboardItem['outputs'][number];

/**
 * Every comparison between two models, grouped by item (the bootstrap's unit): comparison c is models[a[c]] against
 * models[b[c]], scoring score[c] for a (1 won, 0.5 tie, 0 lost), with length covariate delta[c]; the comparisons of
 * item i are clusterStart[i] .. clusterStart[i + 1] - 1.
 */
export interface ComparisonSet {
  models: string[];
  a: Int32Array;
  b: Int32Array;
  score: Float64Array;
  delta: Float64Array;
  clusterStart: Int32Array;
  /** Mean compared output length per model (characters), for the table. */
  meanLength: Float64Array;
  annotations: number;
  skipped: { noModel: number; sameModel: number; tiedInRanking: number };
}

/**
 * The length covariate of Chatbot Arena's style control (Li et al. 2024): the normalized length difference
 * (len A - len B) / (len A + len B), in [-1, 1], so it means the same for short and long answers; 0 when both are empty.
 */
export function lengthDelta(lengthA: number, lengthB: number): number {
  const total = lengthA + lengthB;
  return total === 0 ? 0 : (lengthA - lengthB) / total;
}

/**
 * Reads each answer's preference view (its question module's `preference`: groups best first) as pairs of outputs:
 * an output in an earlier group beat every output of a later one. Ties: when the answer puts every output in one
 * group (a pairwise tie or "both bad", a ranking tying all, best-of-K "none acceptable") each pair is a tie, as Chatbot
 * Arena counts "tie" and "tie (bothbad)"; outputs sharing a group beside other groups are not compared with each other
 * (best-of-K's unchosen outputs share one without the annotator comparing them), as the exports' pairs read it.
 * Pairs with an output without a model, or of one model against itself, and pairs tied inside such a ranking are
 * counted and left out.
 */
export function collectComparisons(items: readonly LeaderboardItem[]): ComparisonSet {
  const modelIndex = new Map<string, number>();
  const lengthSum: number[] = [];
  const lengthCount: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  const score: number[] = [];
  const delta: number[] = [];
  const clusterStart: number[] = [];
  const skipped = { noModel: 0, sameModel: 0, tiedInRanking: 0 };
  let annotations = 0;
  const indexOf = (model: string) => {
    let index = modelIndex.get(model);
    if (index === undefined) {
      index = modelIndex.size;
      modelIndex.set(model, index);
      lengthSum.push(0);
      lengthCount.push(0);
    }
    return index;
  };
  const add = (first: Output, second: Output, result: number) => {
    if (first.model === null || second.model === null) {
      skipped.noModel++;
      return;
    }
    if (first.model === second.model) {
      skipped.sameModel++;
      return;
    }
    const i = indexOf(first.model);
    const j = indexOf(second.model);
    a.push(i);
    b.push(j);
    score.push(result);
    delta.push(lengthDelta(first.length, second.length));
    lengthSum[i] = (lengthSum[i] as number) + first.length;
    lengthCount[i] = (lengthCount[i] as number) + 1;
    lengthSum[j] = (lengthSum[j] as number) + second.length;
    lengthCount[j] = (lengthCount[j] as number) + 1;
  };
  for (const item of items) {
    const start = a.length;
    const outputs = new Map(item.outputs.map((o) => [o.id, o]));
    const ids = item.outputs.map((o) => o.id);
    for (const answer of item.answers) {
      const view = preferenceView(answer, ids);
      if (!view) continue;
      annotations++;
      const groups = view.groups.map((group) => group.flatMap((id) => outputs.get(id) ?? []));
      if (groups.length === 1) {
        const [tied = []] = groups;
        for (let x = 0; x < tied.length; x++) {
          for (let y = x + 1; y < tied.length; y++) add(tied[x] as Output, tied[y] as Output, 0.5);
        }
        continue;
      }
      for (let g = 0; g < groups.length; g++) {
        // Outputs sharing a group beside other groups: not compared with each other, counted as left out.
        const size = groups[g]?.length ?? 0;
        skipped.tiedInRanking += (size * (size - 1)) / 2;
        for (let h = g + 1; h < groups.length; h++) {
          for (const winner of groups[g] ?? []) for (const loser of groups[h] ?? []) add(winner, loser, 1);
        }
      }
    }
    if (a.length > start) clusterStart.push(start);
  }
  clusterStart.push(a.length);
  return {
    models: [...modelIndex.keys()],
    a: Int32Array.from(a),
    b: Int32Array.from(b),
    score: Float64Array.from(score),
    delta: Float64Array.from(delta),
    clusterStart: Int32Array.from(clusterStart),
    meanLength: Float64Array.from(lengthSum, (sum, i) => sum / Math.max(1, lengthCount[i] as number)),
    annotations,
    skipped,
  };
}
