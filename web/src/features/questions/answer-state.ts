import type { Answer, AnswerOf, Answers, PairwiseAnswer, Question, QuestionOf, Task } from '@feedbench/shared';
import { groupsOf, type RankMap, withRank } from './ranks.ts';

/**
 * What the annotator is editing, per question id. Rankings are kept as rank positions (a chip keeps its row while
 * others move) and become groups only when answers are built; everything else is kept in its answer shape, possibly
 * incomplete (a pairwise choice without its safety labels, half the attributes...).
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

type TaskLike = Pick<Task, 'questions' | 'outputs' | 'draft'>;

/** The saved draft (if any) as editing state; answers that no longer fit the template or the item are dropped. */
export function initialState({ questions, outputs, draft }: TaskLike): EditState {
  const state: EditState = { answers: {}, ranks: {}, allBad: {}, lastRanked: {}, pairwise: {} };
  const outputIds = new Set(outputs.map((o) => o.id));
  const saved = draft?.answers ?? {};
  for (const question of questions) {
    const answer = saved[question.id];
    if (answer?.type === 'ranking' && question.type === 'ranking') {
      const ranks: RankMap = {};
      answer.groups.forEach((group, index) => {
        for (const id of group) if (outputIds.has(id)) ranks[id] = index + 1;
      });
      state.ranks[question.id] = ranks;
      if (answer.allBad) state.allBad[question.id] = true;
    } else if (answer?.type === 'pairwise' && question.type === 'pairwise') {
      const { verdict, preferred, strength, safe = {} } = answer;
      const known = preferred === undefined || outputIds.has(preferred);
      state.pairwise[question.id] = {
        ...(known ? { choice: { verdict, preferred, strength } } : {}),
        safe: Object.fromEntries(Object.entries(safe).filter(([id]) => outputIds.has(id))),
      };
    } else if (answer && answer.type === question.type) {
      state.answers[question.id] = withoutUnknownOutputs(answer, outputIds);
    } else if (question.type === 'demonstration' && question.variant === 'rewrite' && outputs[0]) {
      // A rewrite starts from the output itself: the annotator edits rather than retypes.
      state.answers[question.id] = { type: 'demonstration', text: outputs[0].content, sourceOutputId: outputs[0].id };
    }
  }
  return state;
}

function withoutUnknownOutputs(answer: Answer, outputIds: Set<string>): Answer {
  if (answer.type !== 'rating' && answer.type !== 'attributes' && answer.type !== 'flags') return answer;
  const values = Object.fromEntries(Object.entries(answer.values).filter(([id]) => outputIds.has(id)));
  return { ...answer, values } as Answer;
}

/** The answers as they are sent (and saved as a draft): empty answers are left out, rankings become groups. */
export function buildAnswers(questions: Question[], outputIds: string[], state: EditState): Answers {
  const built: Answers = {};
  for (const question of questions) {
    const answer = state.answers[question.id];
    if (question.type === 'ranking') {
      const groups = groupsOf(state.ranks[question.id] ?? {}, outputIds);
      const allBad = state.allBad[question.id] ? { allBad: true } : {};
      if (groups.length > 0) built[question.id] = { type: 'ranking', groups, ...allBad };
    } else if (question.type === 'pairwise') {
      const { choice, safe = {} } = state.pairwise[question.id] ?? {};
      const labels = Object.keys(safe).length > 0 ? { safe } : {};
      if (choice) built[question.id] = { type: 'pairwise', ...dropUndefined(choice), ...labels };
    } else if (question.type === 'flags') {
      // Unticked means "no": every output gets its (possibly empty) list, so flags never block Submit.
      const values = answer?.type === 'flags' ? answer.values : {};
      built[question.id] = { type: 'flags', values: Object.fromEntries(outputIds.map((id) => [id, values[id] ?? []])) };
    } else if (answer && !isEmpty(answer)) {
      built[question.id] = answer;
    }
  }
  return built;
}

const dropUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

function isEmpty(answer: Answer): boolean {
  switch (answer.type) {
    case 'demonstration':
      return answer.text.trim() === '' && (answer.nextUserTurn ?? '').trim() === '';
    case 'rationale':
      return answer.text.trim() === '';
    case 'classification':
      return answer.selected.length === 0;
    case 'rating':
    case 'attributes':
      return Object.keys(answer.values).length === 0;
    default:
      return false;
  }
}

// Updates: each returns a new state.

function put(state: EditState, questionId: string, answer: Answer): EditState {
  return { ...state, answers: { ...state.answers, [questionId]: answer } };
}

function current<T extends Answer['type']>(state: EditState, questionId: string, type: T): AnswerOf<T> | undefined {
  const answer = state.answers[questionId];
  return answer?.type === type ? (answer as AnswerOf<T>) : undefined;
}

export function setText(state: EditState, question: Question, text: string): EditState {
  if (question.type === 'rationale') return put(state, question.id, { type: 'rationale', text });
  const previous = current(state, question.id, 'demonstration');
  return put(state, question.id, { ...previous, type: 'demonstration', text });
}

export function setNextUserTurn(state: EditState, questionId: string, nextUserTurn: string): EditState {
  const previous = current(state, questionId, 'demonstration');
  return put(state, questionId, { type: 'demonstration', text: previous?.text ?? '', ...previous, nextUserTurn });
}

/** Switches the output a rewrite starts from, restarting the edit from that output's text. */
export function setRewriteSource(state: EditState, questionId: string, output: { id: string; content: string }) {
  return put(state, questionId, { type: 'demonstration', text: output.content, sourceOutputId: output.id });
}

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

export function setScale(
  state: EditState,
  question: QuestionOf<'rating'> | QuestionOf<'attributes'>,
  outputId: string,
  value: number,
  attributeId?: string,
): EditState {
  if (question.type === 'rating') {
    const values = current(state, question.id, 'rating')?.values ?? {};
    return put(state, question.id, { type: 'rating', values: { ...values, [outputId]: value } });
  }
  const values = current(state, question.id, 'attributes')?.values ?? {};
  const forOutput = { ...values[outputId], [attributeId ?? '']: value };
  return put(state, question.id, { type: 'attributes', values: { ...values, [outputId]: forOutput } });
}

export function toggleFlag(state: EditState, questionId: string, outputId: string, flagId: string): EditState {
  const values = current(state, questionId, 'flags')?.values ?? {};
  const flags = values[outputId] ?? [];
  const next = flags.includes(flagId) ? flags.filter((f) => f !== flagId) : [...flags, flagId];
  return put(state, questionId, { type: 'flags', values: { ...values, [outputId]: next } });
}

export function toggleOption(state: EditState, question: QuestionOf<'classification'>, optionId: string): EditState {
  const selected = current(state, question.id, 'classification')?.selected ?? [];
  const next = question.multiple
    ? selected.includes(optionId)
      ? selected.filter((s) => s !== optionId)
      : [...selected, optionId]
    : [optionId];
  return put(state, question.id, { type: 'classification', selected: next });
}
