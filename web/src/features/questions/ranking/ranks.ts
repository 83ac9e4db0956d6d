/** Rank positions per output id: 1 is best; equal numbers are ties; absent means not ranked yet. */
export type RankMap = Record<string, number>;

/** The ranking answer's groups, best first: empty positions collapse, so ranks 1 and 3 become groups 1 and 2. */
export function groupsOf(ranks: RankMap, outputIds: string[]): string[][] {
  const positions = [...new Set(outputIds.map((id) => ranks[id]).filter((r): r is number => r !== undefined))];
  positions.sort((a, b) => a - b);
  return positions.map((position) => outputIds.filter((id) => ranks[id] === position));
}

/**
 * The board exactly as it is, for drafts: one group per rank position 1..(lowest used), empty positions kept as empty
 * groups, so a reload puts every output back in its row (ranks 1 and 4 stay 1 and 4; see draftAnswersSchema).
 */
export function positionsOf(ranks: RankMap, outputIds: string[]): string[][] {
  const lowest = Math.max(0, ...outputIds.map((id) => ranks[id] ?? 0));
  return Array.from({ length: lowest }, (_, i) => outputIds.filter((id) => ranks[id] === i + 1));
}

/** Sets or clears one output's rank; other outputs keep theirs (a shared number makes a tie). */
export function withRank(ranks: RankMap, outputId: string, rank: number | undefined): RankMap {
  const next = { ...ranks };
  if (rank === undefined) delete next[outputId];
  else next[outputId] = rank;
  return next;
}

/** The rank a digit key asks for: 1..K sets it, 0 clears it, anything else is not a rank key. */
export function rankFromKey(key: string, outputCount: number): number | null | undefined {
  if (key === '0' || key === 'Delete' || key === 'Backspace') return null;
  if (!/^[1-9]$/.test(key)) return undefined;
  const rank = Number(key);
  return rank <= outputCount ? rank : undefined;
}
