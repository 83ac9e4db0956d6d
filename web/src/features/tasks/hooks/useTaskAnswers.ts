import { type AnswerProblem, type Answers, checkAnswers, type Task } from '@feedbench/shared';
import { useMemo, useState } from 'react';
import { buildAnswers, buildDraft, type EditState, initialState } from '../../questions/answer-state.ts';

/**
 * The answers being built for one task and what is still missing, checked with the same `checkAnswers` the server
 * runs on submit. Components change the editing state through `update` with the pure functions of answer-state.ts.
 */
export function useTaskAnswers(task: Pick<Task, 'questions' | 'outputs' | 'draft'>) {
  const [state, setState] = useState<EditState>(() => initialState(task));
  const outputIds = useMemo(() => task.outputs.map((o) => o.id), [task.outputs]);
  const answers: Answers = useMemo(
    () => buildAnswers(task.questions, outputIds, state),
    [task.questions, outputIds, state],
  );
  /** What a draft saves: the answers, with rankings as the board's positions (gaps included). */
  const draft = useMemo(() => buildDraft(task.questions, outputIds, state), [task.questions, outputIds, state]);
  const problems: AnswerProblem[] = useMemo(
    () => checkAnswers(task.questions, outputIds, answers),
    [task.questions, outputIds, answers],
  );
  return {
    state,
    answers,
    draft,
    problems,
    isComplete: problems.length === 0,
    update: (change: (state: EditState) => EditState) => setState(change),
  };
}
export type TaskAnswers = ReturnType<typeof useTaskAnswers>;
