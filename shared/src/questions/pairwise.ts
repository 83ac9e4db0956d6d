import { z } from 'zod';
import {
  type AnswerProblem,
  judgeAnswerObject,
  judgeEnum,
  judgePerOutput,
  mapKeys,
  minorityShare,
  questionBase,
  unknownOutput,
} from './base.ts';
import type { QuestionModuleOf } from './question-module.ts';

/**
 * Llama 2's pairwise protocol (Touvron et al. 2023, section 3.2.1): a forced choice between two outputs and how much
 * better the chosen one is; we add tie and both-bad verdicts, and the optional safety label of section 3.2.1
 * (each output safe or not, from which the paper's three bins follow, see `safetyBin` in preference.ts).
 */
export const pairwiseQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('pairwise'),
  askStrength: z.boolean().default(true),
  allowTie: z.boolean().default(true),
  allowBothBad: z.boolean().default(true),
  askSafety: z.boolean().default(false),
});

/** Llama 2's preference strengths, strongest first (Touvron et al. 2023, section 3.2.1). */
export const PREFERENCE_STRENGTHS = ['significantly-better', 'better', 'slightly-better', 'negligibly-better'] as const;
export type PreferenceStrength = (typeof PREFERENCE_STRENGTHS)[number];
export const PAIRWISE_VERDICTS = ['preferred', 'tie', 'both-bad'] as const;
export type PairwiseVerdict = (typeof PAIRWISE_VERDICTS)[number];

export const pairwiseAnswerSchema = z.object({
  type: z.literal('pairwise'),
  verdict: z.enum(PAIRWISE_VERDICTS),
  /** The better output's id, when the verdict is `preferred`. */
  preferred: z.string().min(1).optional(),
  strength: z.enum(PREFERENCE_STRENGTHS).optional(),
  /** Safety label per output id (true = safe), when the question asks for it. */
  safe: z.record(z.string(), z.boolean()).optional(),
});
type PairwiseQuestion = z.infer<typeof pairwiseQuestionSchema>;
type PairwiseAnswer = z.infer<typeof pairwiseAnswerSchema>;

/**
 * Llama 2's margin m(r) per preference strength, added to the reward model's binary ranking loss
 * -log(sigmoid(r(x, y_c) - r(x, y_r) - m(r))) (Touvron et al. 2023, section 3.2.2, Table 27): "small" and "large"
 * are the two margin sets the paper compares.
 */
export const STRENGTH_MARGINS: Record<'small' | 'large', Record<PreferenceStrength, number>> = {
  small: { 'significantly-better': 1, better: 2 / 3, 'slightly-better': 1 / 3, 'negligibly-better': 0 },
  large: { 'significantly-better': 3, better: 2, 'slightly-better': 1, 'negligibly-better': 0 },
};

export function strengthMargin(strength: PreferenceStrength, scale: 'small' | 'large' = 'small'): number {
  return STRENGTH_MARGINS[scale][strength];
}

/** The chosen/rejected pair of a `preferred` verdict, with its margin when the strength is known; else null. */
export function pairwisePreference(
  answer: PairwiseAnswer,
  outputIds: readonly string[],
  scale: 'small' | 'large' = 'small',
): { chosen: string; rejected: string; margin: number | null } | null {
  if (answer.verdict !== 'preferred' || answer.preferred === undefined) return null;
  const rejected = outputIds.find((id) => id !== answer.preferred);
  if (rejected === undefined) return null;
  return {
    chosen: answer.preferred,
    rejected,
    margin: answer.strength === undefined ? null : strengthMargin(answer.strength, scale),
  };
}

/**
 * The pairwise answer as ranking groups (best first), so ranking tools read pairwise data too: a preference is two
 * groups, a tie or "both bad" one group of two (no pair is induced, see `rankingPairs`).
 */
export function pairwiseGroups(answer: PairwiseAnswer, outputIds: readonly string[]): string[][] {
  const preference = pairwisePreference(answer, outputIds);
  return preference ? [[preference.chosen], [preference.rejected]] : [[...outputIds]];
}

function checkPairwise(
  question: PairwiseQuestion,
  answer: PairwiseAnswer,
  outputIds: readonly string[],
): AnswerProblem[] {
  if (outputIds.length !== 2) {
    return [{ path: [], message: `"${question.label}" compares exactly 2 outputs; this item has ${outputIds.length}` }];
  }
  const problems: AnswerProblem[] = [];
  if (answer.verdict === 'preferred') {
    if (answer.preferred === undefined) {
      problems.push({ path: ['preferred'], message: `"${question.label}": choose the better output` });
    } else if (!outputIds.includes(answer.preferred)) {
      problems.push(unknownOutput(['preferred'], answer.preferred));
    }
    if (question.askStrength && answer.strength === undefined) {
      problems.push({ path: ['strength'], message: `"${question.label}": say how much better it is` });
    }
    if (!question.askStrength && answer.strength !== undefined) {
      problems.push({ path: ['strength'], message: 'this question does not ask for a strength' });
    }
  } else {
    if (answer.preferred !== undefined || answer.strength !== undefined) {
      problems.push({ path: ['preferred'], message: `a ${answer.verdict} verdict prefers no output` });
    }
    if (answer.verdict === 'tie' && !question.allowTie) {
      problems.push({ path: ['verdict'], message: 'ties are not allowed in this project' });
    }
    if (answer.verdict === 'both-bad' && !question.allowBothBad) {
      problems.push({ path: ['verdict'], message: '"both are bad" is not offered in this project' });
    }
  }
  const safe = answer.safe ?? {};
  if (question.askSafety) {
    for (const id of outputIds) {
      if (safe[id] === undefined && question.required) {
        problems.push({ path: ['safe', id], message: `say whether every output is safe`, outputId: id });
      }
    }
  } else if (Object.keys(safe).length > 0) {
    problems.push({ path: ['safe'], message: 'this question does not ask for safety labels' });
  }
  for (const id of Object.keys(safe)) {
    if (!outputIds.includes(id)) problems.push(unknownOutput(['safe', id], id));
  }
  return problems;
}

/**
 * A pairwise verdict as ranking groups over the outputs in the order the annotator saw them: the preferred one first,
 * a tie or "both bad" one tied group (no preference either way; the strength is left out, as InstructGPT's pairwise
 * agreement counts directions only).
 */
export function pairwiseOrdering(answer: PairwiseAnswer, displayOrder: readonly string[]): string[][] {
  if (answer.verdict === 'preferred' && answer.preferred !== undefined) {
    return [[answer.preferred], displayOrder.filter((id) => id !== answer.preferred)];
  }
  return [[...displayOrder]];
}

/** A pairwise answer as one categorical choice: the preferred output (strength aside), a tie, or both bad. */
function pairwiseChoice(answer: PairwiseAnswer): string {
  return answer.verdict === 'preferred' ? `preferred:${answer.preferred ?? ''}` : answer.verdict;
}

/** Llama 2's pairwise comparison of exactly two outputs. */
export const pairwiseModule: QuestionModuleOf<PairwiseQuestion, PairwiseAnswer> = {
  type: 'pairwise',
  questionSchema: pairwiseQuestionSchema,
  answerSchema: pairwiseAnswerSchema,
  scope: 'item',
  builderDefault: { label: 'Which response is better?' },
  checkQuestion: () => [],
  outputBound: () => ({ min: 2, max: 2 }),
  answersConversation: () => true,
  checkAnswer: checkPairwise,
  // 1 when the verdict matches and, for `preferred`, the same output is preferred; strength and safety are ignored
  // (graded strength is too subjective for a control item).
  goldScore: (_question, gold, answer) => {
    if (answer.verdict !== gold.verdict) return 0;
    return gold.verdict !== 'preferred' || answer.preferred === gold.preferred ? 1 : 0;
  },
  disagreement: (_question, answers) => minorityShare(answers.map(pairwiseChoice)),
  judgeSchema: (question, outputIds) => {
    const verdicts = PAIRWISE_VERDICTS.filter(
      (v) => v === 'preferred' || (v === 'tie' ? question.allowTie : question.allowBothBad),
    );
    return judgeAnswerObject(
      'pairwise',
      {
        verdict: judgeEnum(verdicts),
        preferred: judgeEnum(outputIds, 'the better output, only with the verdict "preferred"'),
        ...(question.askStrength
          ? { strength: judgeEnum(PREFERENCE_STRENGTHS, 'how much better, only with the verdict "preferred"') }
          : {}),
        ...(question.askSafety
          ? { safe: judgePerOutput(outputIds, { type: 'boolean', description: 'true when safe' }, question.required) }
          : {}),
      },
      ['verdict', ...(question.askSafety && question.required ? ['safe'] : [])],
    );
  },
  preference: (answer, outputIds) => ({
    groups: pairwiseGroups(answer, outputIds),
    allBad: answer.verdict === 'both-bad',
    margin: pairwisePreference(answer, outputIds)?.margin ?? null,
  }),
  agreement: {
    family: 'ordering',
    records: (answer, item) => [{ unit: item.itemId, value: pairwiseOrdering(answer, item.displayOrder) }],
  },
  mapOutputIds: (answer, translate) => {
    const { preferred, safe, ...rest } = answer;
    const to = preferred === undefined ? undefined : translate(preferred);
    return {
      ...rest,
      ...(to === undefined ? {} : { preferred: to }),
      ...(safe === undefined ? {} : { safe: mapKeys(safe, translate) }),
    };
  },
  labels: null,
};
