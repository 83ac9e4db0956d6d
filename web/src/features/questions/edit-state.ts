import type { Answer, AnswerOf, Answers, PairwiseAnswer } from '@feedbench/shared';
import type { RankMap } from './ranking/ranks.ts';

/**
 * What the annotator is editing, per question id. Rankings are kept as rank positions (a chip keeps its row while
 * others move) and become groups only when answers are built; everything else is kept in its answer shape, possibly
 * incomplete (a pairwise choice without its safety labels, half the attributes...). Each type's module reads and
 * writes its own part (registry.ts); answer-state.ts builds the answers from all of them.
 */
export interface EditState {
  answers: Answers;
  ranks: Record<string, RankMap>;
  allBad: Record<string, boolean>;
  /** The output placed most recently on each ranking board: the tie key (`=`) ties with it. */
  lastRanked: Record<string, string>;
  /** Pairwise questions: the choice (verdict, preferred output, strength) and the safety labels, each optional. */
  pairwise: Record<string, { choice?: PairwiseChoice; safe: Record<string, boolean> }>;
}
export type PairwiseChoice = Pick<PairwiseAnswer, 'verdict' | 'preferred' | 'strength'>;

export const emptyEditState = (): EditState => ({ answers: {}, ranks: {}, allBad: {}, lastRanked: {}, pairwise: {} });

/** Stores an answer in its answer shape. */
export function put(state: EditState, questionId: string, answer: Answer): EditState {
  return { ...state, answers: { ...state.answers, [questionId]: answer } };
}

/** The answer being edited for a question, when it is of `type`. */
export function current<T extends Answer['type']>(
  state: EditState,
  questionId: string,
  type: T,
): AnswerOf<T> | undefined {
  const answer = state.answers[questionId];
  return answer?.type === type ? (answer as AnswerOf<T>) : undefined;
}

/** Keeps the entries of a per-output record whose output is on the item (a draft may predate the item's outputs). */
export function knownOutputs<V>(values: Record<string, V>, outputIds: ReadonlySet<string>): Record<string, V> {
  return Object.fromEntries(Object.entries(values).filter(([id]) => outputIds.has(id)));
}
