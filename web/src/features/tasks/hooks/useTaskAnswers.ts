import { type AnswerProblem, type Answers, checkAnswers, type Task } from '@feedbench/shared';
import { useMemo, useState } from 'react';
import { groupsOf, type RankMap, withRank } from './ranks.ts';

interface Drafts {
  texts: Record<string, string>;
  ratings: Record<string, Record<string, number>>;
  ranks: Record<string, RankMap>;
}

/**
 * The answers being built for one task, keyed by question id, and what is still missing, checked with the same
 * `checkAnswers` the server runs on submit.
 */
export function useTaskAnswers(task: Task) {
  const [drafts, setDrafts] = useState<Drafts>(() => restore(task));
  const outputIds = useMemo(() => task.outputs.map((o) => o.id), [task.outputs]);

  const answers = useMemo<Answers>(() => {
    const built: Answers = {};
    for (const question of task.questions) {
      if (question.type === 'demonstration') {
        const text = drafts.texts[question.id];
        if (text !== undefined && text.trim() !== '') built[question.id] = { type: 'demonstration', text };
      } else if (question.type === 'rating') {
        const values = drafts.ratings[question.id];
        if (values && Object.keys(values).length > 0) built[question.id] = { type: 'rating', values };
      } else {
        const groups = groupsOf(drafts.ranks[question.id] ?? {}, outputIds);
        if (groups.length > 0) built[question.id] = { type: 'ranking', groups };
      }
    }
    return built;
  }, [drafts, task.questions, outputIds]);

  const problems: AnswerProblem[] = useMemo(
    () => checkAnswers(task.questions, outputIds, answers),
    [task.questions, outputIds, answers],
  );

  return {
    answers,
    problems,
    isComplete: problems.length === 0,
    textOf: (questionId: string) => drafts.texts[questionId] ?? '',
    ratingOf: (questionId: string, outputId: string) => drafts.ratings[questionId]?.[outputId],
    ranksOf: (questionId: string): RankMap => drafts.ranks[questionId] ?? {},
    setText: (questionId: string, text: string) =>
      setDrafts((d) => ({ ...d, texts: { ...d.texts, [questionId]: text } })),
    setRating: (questionId: string, outputId: string, value: number) =>
      setDrafts((d) => ({
        ...d,
        ratings: { ...d.ratings, [questionId]: { ...d.ratings[questionId], [outputId]: value } },
      })),
    setRank: (questionId: string, outputId: string, rank: number | undefined) =>
      setDrafts((d) => ({
        ...d,
        ranks: { ...d.ranks, [questionId]: withRank(d.ranks[questionId] ?? {}, outputId, rank) },
      })),
  };
}
export type TaskAnswers = ReturnType<typeof useTaskAnswers>;

/** The saved draft (if any) as editing state; answers that no longer fit the template are dropped. */
function restore(task: Task): Drafts {
  const drafts: Drafts = { texts: {}, ratings: {}, ranks: {} };
  const saved = task.draft?.answers ?? {};
  const outputIds = new Set(task.outputs.map((o) => o.id));
  for (const question of task.questions) {
    const answer = saved[question.id];
    if (answer?.type === 'demonstration' && question.type === 'demonstration') drafts.texts[question.id] = answer.text;
    if (answer?.type === 'rating' && question.type === 'rating') {
      drafts.ratings[question.id] = Object.fromEntries(
        Object.entries(answer.values).filter(([id]) => outputIds.has(id)),
      );
    }
    if (answer?.type === 'ranking' && question.type === 'ranking') {
      const ranks: RankMap = {};
      answer.groups.forEach((group, index) => {
        for (const id of group) if (outputIds.has(id)) ranks[id] = index + 1;
      });
      drafts.ranks[question.id] = ranks;
    }
  }
  return drafts;
}
