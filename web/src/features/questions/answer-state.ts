import type { Answers, DraftAnswers, Question, QuestionOf, Task } from '@feedbench/shared';
import { setAttribute } from './attributes/index.tsx';
import { type EditState, emptyEditState } from './edit-state.ts';
import { setRating } from './rating/index.tsx';
import { answerFor, kindOf } from './registry.ts';

export { chooseBest } from './best-of-k/index.tsx';
export { toggleOption } from './classification/index.tsx';
export { setNextUserTurn, setRewriteSource, setText } from './demonstration/demonstration-state.ts';
export type { EditState, PairwiseChoice } from './edit-state.ts';
export { toggleFlag } from './flags/index.tsx';
export { setPairwise, setSafety } from './pairwise/pairwise-state.ts';
export { setAllBad, setRank, tieRank } from './ranking/ranking-state.ts';

type TaskLike = Pick<Task, 'questions' | 'outputs' | 'draft'>;

/** The saved draft (if any) as editing state; answers that no longer fit the template or the item are dropped. */
export function initialState({ questions, outputs, draft }: TaskLike): EditState {
  const saved = draft?.answers ?? {};
  return questions.reduce(
    (state, question) =>
      kindOf(question.type).restore(state, question, answerFor(question, saved[question.id]), outputs),
    emptyEditState(),
  );
}

function build(questions: Question[], outputIds: string[], state: EditState, draft: boolean): Answers {
  const built: Answers = {};
  for (const question of questions) {
    const answer = kindOf(question.type).build(question, state, outputIds, draft);
    if (answer) built[question.id] = answer;
  }
  return built;
}

/** The answers as they are sent: empty answers are left out, rankings become groups. */
export function buildAnswers(questions: Question[], outputIds: string[], state: EditState): Answers {
  return build(questions, outputIds, state, false);
}

/**
 * The answers as they are saved as a draft: like `buildAnswers`, but a ranking keeps its empty rank positions, so a
 * restored board is exactly the one left (C at 4 and A at 1 never come back as C at 2).
 */
export function buildDraft(questions: Question[], outputIds: string[], state: EditState): DraftAnswers {
  return build(questions, outputIds, state, true);
}

/** A point on a per-output scale: a rating, or one attribute of an attributes question. */
export function setScale(
  state: EditState,
  question: QuestionOf<'rating'> | QuestionOf<'attributes'>,
  outputId: string,
  value: number,
  attributeId = '',
): EditState {
  return question.type === 'rating'
    ? setRating(state, question, outputId, value)
    : setAttribute(state, question, outputId, attributeId, value);
}
