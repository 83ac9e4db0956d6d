/**
 * How much an item's annotators agree on its preference judgement: over every pair of outputs that two or more
 * annotators ordered, the largest share of them giving the same verdict (a above b, b above a, or a tie), averaged
 * over those pairs. 1 is unanimous; with three verdicts possible the floor is 1/3. Null when no pair was judged
 * twice (one annotator, or disjoint outputs): such an item has no agreement to threshold.
 * This is the per-item observed agreement of Fleiss (1971, eq. 2) taken over the pairwise verdicts a ranking induces,
 * as InstructGPT measures agreement between labelers on pairs (Ouyang et al. 2022, appendix B.1), reduced to the
 * majority share so one number reads the same for 2 or 20 annotators.
 */
export function itemAgreement(rankings: readonly (readonly string[][])[], outputIds: readonly string[]): number | null {
  const ranks = rankings.map((groups) => {
    const rank = new Map<string, number>();
    groups.forEach((group, r) => {
      for (const id of group) rank.set(id, r);
    });
    return rank;
  });
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < outputIds.length; i++) {
    for (let j = i + 1; j < outputIds.length; j++) {
      const a = outputIds[i] as string;
      const b = outputIds[j] as string;
      const verdicts: [number, number, number] = [0, 0, 0];
      for (const rank of ranks) {
        const ra = rank.get(a);
        const rb = rank.get(b);
        if (ra === undefined || rb === undefined) continue;
        verdicts[ra < rb ? 0 : ra > rb ? 1 : 2]++;
      }
      const judged = verdicts[0] + verdicts[1] + verdicts[2];
      if (judged < 2) continue;
      total += Math.max(...verdicts) / judged;
      pairs++;
    }
  }
  return pairs === 0 ? null : total / pairs;
}
