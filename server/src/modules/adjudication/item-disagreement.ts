import {
  type Answer,
  type AnswerOf,
  compareRankings,
  DISAGREEMENT_QUESTION_TYPES,
  type DisagreementQuestionType,
  type Question,
  type QuestionOf,
} from '@feedbench/shared';

export type DisagreementQuestion = QuestionOf<DisagreementQuestionType>;

/** The question a project's disagreement is measured on: the template's first question of a scorable type. */
export function mainQuestion(questions: readonly Question[]): DisagreementQuestion | undefined {
  return questions.find((q): q is DisagreementQuestion =>
    (DISAGREEMENT_QUESTION_TYPES as readonly string[]).includes(q.type),
  );
}

/**
 * How far apart one item's annotators are on `question`, 0 (all agree) .. 1; NaN with fewer than two answers (or,
 * for rankings and ratings, nothing two annotators both judged). `answers` are one per annotator; answers of another
 * type are ignored. The measures are listed with DISAGREEMENT_QUESTION_TYPES (shared/src/contracts/adjudication.ts).
 */
export function itemDisagreement(question: DisagreementQuestion, answers: readonly (Answer | undefined)[]): number {
  const given = answers.filter((a): a is Answer => a?.type === question.type);
  if (given.length < 2) return Number.NaN;
  switch (question.type) {
    case 'ranking':
      return rankingDisagreement(given as AnswerOf<'ranking'>[]);
    case 'pairwise':
      return minorityShare((given as AnswerOf<'pairwise'>[]).map(pairwiseChoice));
    case 'classification':
      return minorityShare(
        (given as AnswerOf<'classification'>[]).map((a) => JSON.stringify([...new Set(a.selected)].sort())),
      );
    case 'rating':
      return ratingSpread(given as AnswerOf<'rating'>[], question.max - question.min);
  }
}

/**
 * 1 - pairwise ranking agreement among the item's annotators (shared/src/agreement/pairwise-agreement.ts: the mean
 * over annotator pairs of the share of output pairs both ranked that they order alike; a tie is a judgement).
 */
function rankingDisagreement(rankings: readonly AnswerOf<'ranking'>[]): number {
  const records = rankings.map((r, i) => ({ unit: 'item', annotator: String(i), value: r.groups }));
  const [item] = compareRankings(records, 'judgement').items;
  return item ? 1 - item.agreement : Number.NaN;
}

/** A pairwise answer as one categorical choice: the preferred output (strength aside), a tie, or both bad. */
function pairwiseChoice(answer: AnswerOf<'pairwise'>): string {
  return answer.verdict === 'preferred' ? `preferred:${answer.preferred ?? ''}` : answer.verdict;
}

/** The share of answers that differ from the most common one (1 - the majority's share). */
function minorityShare(choices: readonly string[]): number {
  const counts = new Map<string, number>();
  let majority = 0;
  for (const choice of choices) {
    const count = (counts.get(choice) ?? 0) + 1;
    counts.set(choice, count);
    majority = Math.max(majority, count);
  }
  return 1 - majority / choices.length;
}

/** Mean over outputs rated by two or more of their rating range (max - min), over the scale's width. */
function ratingSpread(ratings: readonly AnswerOf<'rating'>[], width: number): number {
  const byOutput = new Map<string, { min: number; max: number; count: number }>();
  for (const { values } of ratings) {
    for (const [outputId, value] of Object.entries(values)) {
      const seen = byOutput.get(outputId);
      if (seen) {
        seen.min = Math.min(seen.min, value);
        seen.max = Math.max(seen.max, value);
        seen.count++;
      } else byOutput.set(outputId, { min: value, max: value, count: 1 });
    }
  }
  let sum = 0;
  let outputs = 0;
  for (const { min, max, count } of byOutput.values()) {
    if (count < 2) continue;
    sum += max - min;
    outputs++;
  }
  return outputs > 0 && width > 0 ? sum / outputs / width : Number.NaN;
}
