import type { EditState, PairwiseChoice } from '../edit-state.ts';

export function setPairwise(state: EditState, questionId: string, choice: PairwiseChoice): EditState {
  const previous = state.pairwise[questionId] ?? { safe: {} };
  return { ...state, pairwise: { ...state.pairwise, [questionId]: { ...previous, choice } } };
}

/** Safety labels may come before the preference: they wait in the editing state until a verdict is chosen. */
export function setSafety(state: EditState, questionId: string, outputId: string, safe: boolean): EditState {
  const previous = state.pairwise[questionId] ?? { safe: {} };
  return {
    ...state,
    pairwise: { ...state.pairwise, [questionId]: { ...previous, safe: { ...previous.safe, [outputId]: safe } } },
  };
}
