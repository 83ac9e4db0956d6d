import { z } from 'zod';
import { compareRankings } from '../agreement/pairwise-agreement.ts';
import { pairRelations } from '../agreement/ranking-relations.ts';
import { MAX_RANKED_OUTPUTS, MIN_RANKED_OUTPUTS } from '../constants.ts';
import { type AnswerProblem, judgeAnswerObject, judgeEnum, questionBase, unknownOutput } from './base.ts';
import type { QuestionModuleOf } from './question-module.ts';

export const rankingQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('ranking'),
  allowTies: z.boolean().default(true),
  /** Offers "all outputs are bad": the ranking is still given, and the flag travels with it. */
  allowAllBad: z.boolean().default(false),
});

/** Groups of output ids, best group first; outputs in one group are tied. */
export const rankingAnswerSchema = z.object({
  type: z.literal('ranking'),
  groups: z
    .array(z.array(z.string().min(1)).min(1))
    .min(1)
    .max(9),
  /** "All outputs are bad": the ranking still orders them, but none is good enough to imitate. */
  allBad: z.boolean().optional(),
});
type RankingQuestion = z.infer<typeof rankingQuestionSchema>;
type RankingAnswer = z.infer<typeof rankingAnswerSchema>;

/**
 * The ordered pairs a ranking induces: (better, worse) for every two outputs in different groups; tied outputs
 * induce no pair. InstructGPT (Ouyang et al. 2022, section 3.5) trains on all C(K,2) comparisons of a ranking.
 */
export function rankingPairs(groups: string[][]): [better: string, worse: string][] {
  const pairs: [string, string][] = [];
  groups.forEach((group, rank) => {
    for (const better of group) {
      for (const lower of groups.slice(rank + 1)) {
        for (const worse of lower) pairs.push([better, worse]);
      }
    }
  });
  return pairs;
}

function checkRanking(question: RankingQuestion, answer: RankingAnswer, outputIds: readonly string[]): AnswerProblem[] {
  const placed = answer.groups.flat();
  const problems: AnswerProblem[] = [];
  if (new Set(placed).size !== placed.length) problems.push({ path: ['groups'], message: 'an output is ranked twice' });
  for (const id of placed) {
    if (!outputIds.includes(id)) problems.push(unknownOutput(['groups'], id));
  }
  const missing = outputIds.filter((id) => !placed.includes(id));
  if (missing.length > 0)
    problems.push({ path: ['groups'], message: `rank every output (missing ${missing.join(', ')})` });
  if (!question.allowTies && answer.groups.some((g) => g.length > 1)) {
    problems.push({ path: ['groups'], message: 'ties are not allowed in this project' });
  }
  if (answer.allBad && !question.allowAllBad) {
    problems.push({ path: ['allBad'], message: '"all outputs are bad" is not offered in this project' });
  }
  return problems;
}

/**
 * Share of the gold ranking's C(K,2) output pairs the annotator orders the same way (better, worse or tied):
 * InstructGPT's pairwise view of a ranking (Ouyang et al. 2022, section 3.5), a tie a third relation that must match.
 * Partial credit: one swap of the two worst outputs of four costs 1/6; a missing pair counts as disagreeing.
 */
export function rankingScore(gold: string[][], answer: string[][]): number | null {
  const goldPairs = pairRelations(gold);
  if (goldPairs.size === 0) return null;
  const answerPairs = pairRelations(answer);
  let agreeing = 0;
  for (const [pair, relation] of goldPairs) if (answerPairs.get(pair) === relation) agreeing++;
  return agreeing / goldPairs.size;
}

/**
 * 1 - pairwise ranking agreement among the item's annotators (shared/src/agreement/pairwise-agreement.ts: the mean
 * over annotator pairs of the share of output pairs both ranked that they order alike; a tie is a judgement).
 */
export function rankingDisagreement(rankings: readonly string[][][]): number {
  const records = rankings.map((groups, i) => ({ unit: 'item', annotator: String(i), value: groups }));
  const [item] = compareRankings(records, 'judgement').items;
  return item ? 1 - item.agreement : Number.NaN;
}

/** A ranking of K outputs (InstructGPT's K = 4..9, widened to pairs): the reference preference type. */
export const rankingModule: QuestionModuleOf<RankingQuestion, RankingAnswer> = {
  type: 'ranking',
  questionSchema: rankingQuestionSchema,
  answerSchema: rankingAnswerSchema,
  scope: 'item',
  builderDefault: { label: 'Rank the outputs, best first' },
  checkQuestion: () => [],
  outputBound: () => ({ min: MIN_RANKED_OUTPUTS, max: MAX_RANKED_OUTPUTS }),
  answersConversation: () => true,
  checkAnswer: checkRanking,
  goldScore: (_question, gold, answer) => rankingScore(gold.groups, answer.groups),
  disagreement: (_question, answers) => rankingDisagreement(answers.map((a) => a.groups)),
  judgeSchema: (question, outputIds) =>
    judgeAnswerObject(
      'ranking',
      {
        groups: {
          type: 'array',
          description: question.allowTies
            ? 'Groups of outputs, best group first; outputs in one group are tied. Place every output exactly once.'
            : 'Groups of one output each, best first (no ties). Place every output exactly once.',
          minItems: 1,
          items: {
            type: 'array',
            minItems: 1,
            ...(question.allowTies ? {} : { maxItems: 1 }),
            items: judgeEnum(outputIds),
          },
        },
        ...(question.allowAllBad ? { allBad: { type: 'boolean', description: 'true when every output is bad' } } : {}),
      },
      ['groups'],
    ),
  preference: (answer) => ({ groups: answer.groups, allBad: answer.allBad === true, margin: null }),
  agreement: {
    family: 'ordering',
    records: (answer, item) => [{ unit: item.itemId, value: answer.groups }],
  },
  mapOutputIds: (answer, translate) => {
    // Empty groups stay: a draft keeps the board's empty rank positions (a submitted ranking has none).
    const groups = answer.groups.map((group) => group.flatMap((id) => translate(id) ?? []));
    return groups.some((group) => group.length > 0) ? { ...answer, groups } : undefined;
  },
  labels: null,
};
