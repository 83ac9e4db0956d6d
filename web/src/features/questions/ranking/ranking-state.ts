import type { EditState } from '../edit-state.ts';
import { withRank } from './ranks.ts';

export function setRank(state: EditState, questionId: string, outputId: string, rank: number | undefined): EditState {
  const lastRanked = { ...state.lastRanked };
  if (rank === undefined) {
    if (lastRanked[questionId] === outputId) delete lastRanked[questionId];
  } else lastRanked[questionId] = outputId;
  return {
    ...state,
    ranks: { ...state.ranks, [questionId]: withRank(state.ranks[questionId] ?? {}, outputId, rank) },
    lastRanked,
  };
}

/** The rank the tie key gives `outputId`: that of the output placed just before it (undefined if none). */
export function tieRank(state: EditState, questionId: string, outputId: string): number | undefined {
  const previous = state.lastRanked[questionId];
  if (previous === undefined || previous === outputId) return undefined;
  return state.ranks[questionId]?.[previous];
}

export function setAllBad(state: EditState, questionId: string, allBad: boolean): EditState {
  return { ...state, allBad: { ...state.allBad, [questionId]: allBad } };
}
