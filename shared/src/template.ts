import { z } from 'zod';
import { ORDERING_POLICIES, TASK_KINDS, type TaskKind } from './constants.ts';
import { builderDefault, outputBound, questionProblems } from './questions/registry.ts';
import { type Question, type QuestionOf, type QuestionType, questionSchema } from './questions/unions.ts';

/**
 * A project's annotation template is a list of questions. Each question type is one member of a discriminated
 * union, its schema in its module (shared/src/questions/<type>.ts, with everything else the type knows). Answer shapes
 * live in answers.ts.
 *
 * Scope of each type: `demonstration`, `ranking`, `pairwise`, `rationale`, `classification` and `best-of-k` are
 * answered once per item; `rating`, `attributes` and `flags` once per model output (each module's `scope`).
 */
export const QUESTION_TYPES = [
  'demonstration',
  'ranking',
  'pairwise',
  'rating',
  'attributes',
  'flags',
  'rationale',
  'classification',
  'best-of-k',
] as const;

export { attributesQuestionSchema, HELPSTEER_ATTRIBUTES } from './questions/attributes.ts';
export {
  type Choice,
  choiceSchema,
} from './questions/base.ts';
export { bestOfKQuestionSchema } from './questions/best-of-k.ts';
export { classificationQuestionSchema } from './questions/classification.ts';
export {
  DEMONSTRATION_VARIANTS,
  type DemonstrationVariant,
  demonstrationQuestionSchema,
  NEXT_USER_TURN,
} from './questions/demonstration.ts';
export { flagsQuestionSchema, INSTRUCTGPT_FLAGS } from './questions/flags.ts';
export { pairwiseQuestionSchema } from './questions/pairwise.ts';
export { rankingQuestionSchema } from './questions/ranking.ts';
export { ratingQuestionSchema, type ScalePointLabel, scalePointLabelSchema } from './questions/rating.ts';
export { rationaleQuestionSchema } from './questions/rationale.ts';
export { PER_OUTPUT_TYPES } from './questions/registry.ts';

export {
  type Question,
  type QuestionOf,
  type QuestionType,
  questionSchema,
} from './questions/unions.ts';
export type QuestionInput = z.input<typeof questionSchema>;

/**
 * The label of every point of a rating scale, min to max ('' for an unlabelled point): its own point label, else
 * minLabel or maxLabel at the ends.
 */
export function scalePointLabels(
  question: Pick<QuestionOf<'rating'>, 'min' | 'max' | 'minLabel' | 'maxLabel' | 'pointLabels'>,
): { value: number; label: string }[] {
  const own = new Map(question.pointLabels.map((p) => [p.value, p.label]));
  return Array.from({ length: Math.max(0, question.max - question.min + 1) }, (_, i) => {
    const value = question.min + i;
    const end = value === question.min ? question.minLabel : value === question.max ? question.maxLabel : '';
    return { value, label: own.get(value) ?? end };
  });
}

/** Whether the question needs the item's model outputs to be answered at all. */
export function needsOutputs(question: Question): boolean {
  return outputBound(question) !== null;
}

function uniqueIds(ids: string[], path: (string | number)[], what: string, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id))
      ctx.addIssue({ code: 'custom', path: [...path, index, 'id'], message: `duplicate ${what} "${id}"` });
    seen.add(id);
  });
}

/** The questions of a template, checked as a whole: unique ids, sane ranges, unique choice ids. */
export const questionsSchema = z
  .array(questionSchema)
  .min(1)
  .max(50)
  .superRefine((questions, ctx) => {
    uniqueIds(
      questions.map((q) => q.id),
      [],
      'question id',
      ctx,
    );
    questions.forEach((question, index) => {
      for (const { path, message } of questionProblems(question)) {
        ctx.addIssue({ code: 'custom', path: [index, ...path], message });
      }
    });
  });

export const goldSettingsSchema = z.object({
  /** Share of next-task requests served from gold items the annotator has not answered yet (0 = never). */
  rate: z.number().min(0).max(0.5).default(0),
  /** Accuracy on gold below which an annotator is flagged (and paused when autoPause is on). */
  minAccuracy: z.number().min(0).max(1).default(0.7),
  /** Gold answers needed before the accuracy is trusted enough to pause anyone. */
  minAnswers: z.number().int().min(1).max(1000).default(5),
  autoPause: z.boolean().default(false),
});
export type GoldSettings = z.infer<typeof goldSettingsSchema>;

export const projectSettingsSchema = z.object({
  /** How many distinct annotators must complete each item. */
  overlapTarget: z.number().int().min(1).max(50).default(1),
  /** Lease length; fractions allowed (load tests use seconds-long leases). Heartbeats extend it. */
  leaseMinutes: z
    .number()
    .min(0.05)
    .max(24 * 60)
    .default(30),
  ordering: z.enum(ORDERING_POLICIES).default('closest-to-completion'),
  /** Gold (control) items: mixed into every annotator's queue at `rate`, scored against their reference answers. */
  gold: goldSettingsSchema.default(() => goldSettingsSchema.parse({})),
  /**
   * Outputs are sampled from model connections (generation jobs, issue 13): items may be imported with fewer outputs
   * than the template needs (prompts only), and are served to annotators once a job has given them enough.
   */
  outputsFromModels: z.boolean().default(false),
  questions: questionsSchema,
});
export type ProjectSettings = z.infer<typeof projectSettingsSchema>;
export type ProjectSettingsInput = z.input<typeof projectSettingsSchema>;

export const taskKindSchema = z.enum(TASK_KINDS);

/** A question of `type` with every default filled in: what the template builder adds. */
export function newQuestion(type: QuestionType, id: string): Question {
  const { label, fields } = builderDefault(type);
  return questionSchema.parse({ type, id, label, ...fields });
}

/** The template a new project of each kind starts with. */
export function defaultSettings(kind: TaskKind): ProjectSettings {
  const questions: Question[] =
    kind === 'demonstration'
      ? [{ ...(newQuestion('demonstration', 'reply') as QuestionOf<'demonstration'>), minLength: 1 }]
      : [
          newQuestion('ranking', 'rank'),
          {
            ...(newQuestion('rating', 'quality') as QuestionOf<'rating'>),
            minLabel: 'Terrible',
            maxLabel: 'Excellent',
          },
        ];
  return {
    overlapTarget: 1,
    leaseMinutes: 30,
    ordering: 'closest-to-completion',
    gold: goldSettingsSchema.parse({}),
    outputsFromModels: false,
    questions,
  };
}

/** Kinds whose items must carry model outputs. */
export function kindNeedsOutputs(kind: TaskKind): boolean {
  return kind === 'ranking';
}

/** Key order does not matter (PostgreSQL's jsonb does not keep it): compares with keys sorted at every level. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Whether two templates ask the same questions (defaults filled in first), so saving one unchanged is no new version. */
export function sameQuestions(a: readonly QuestionInput[], b: readonly QuestionInput[]): boolean {
  const parse = (questions: readonly QuestionInput[]) => questions.map((q) => questionSchema.safeParse(q).data ?? q);
  return canonicalJson(parse(a)) === canonicalJson(parse(b));
}
