import { z } from 'zod';
import { ORDERING_POLICIES, TASK_KINDS, type TaskKind } from './constants.ts';

/**
 * A project's annotation template is a list of questions. Each question type is one member of a discriminated
 * union, so new types are added as new members without touching the others. Answer shapes live in answers.ts.
 *
 * Scope of each type: `demonstration`, `ranking`, `pairwise`, `rationale` and `classification` are answered once per
 * item; `rating`, `attributes` and `flags` once per model output.
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

const idSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'lowercase letters, digits, - or _, starting with a letter');

const questionBase = {
  id: idSchema,
  label: z.string().min(1).max(200),
  /** Optional help shown under the label (plain text). */
  help: z.string().max(1000).default(''),
  required: z.boolean().default(true),
};

/** A choice, flag or attribute: a stable id (what is stored) and the label annotators read. */
export const choiceSchema = z.object({
  id: idSchema,
  label: z.string().min(1).max(200),
  description: z.string().max(500).default(''),
});
export type Choice = z.infer<typeof choiceSchema>;

/**
 * Variants of the SFT demonstration: `write` the ideal reply from scratch; `rewrite` a model output (the item's
 * output shown beside the edit, with a diff); `continue` a multi-turn conversation (the next assistant turn, and the
 * next user turn too when `nextUserTurn` asks for it).
 */
export const DEMONSTRATION_VARIANTS = ['write', 'rewrite', 'continue'] as const;
export type DemonstrationVariant = (typeof DEMONSTRATION_VARIANTS)[number];
export const NEXT_USER_TURN = ['off', 'optional', 'required'] as const;

export const demonstrationQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('demonstration'),
  variant: z.enum(DEMONSTRATION_VARIANTS).default('write'),
  minLength: z.number().int().min(0).max(10_000).default(1),
  /** Only for `continue`: whether the annotator also writes the user's next message. */
  nextUserTurn: z.enum(NEXT_USER_TURN).default('off'),
});

export const rankingQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('ranking'),
  allowTies: z.boolean().default(true),
  /** Offers "all outputs are bad": the ranking is still given, and the flag travels with it. */
  allowAllBad: z.boolean().default(false),
});

/**
 * Llama 2's pairwise protocol (Touvron et al. 2023, section 3.2.1): a forced choice between two outputs and how much
 * better the chosen one is; we add tie and both-bad verdicts, and the optional safety label of section 3.2.1
 * (each output safe or not, from which the paper's three bins follow, see `safetyBin` in answers.ts).
 */
export const pairwiseQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('pairwise'),
  askStrength: z.boolean().default(true),
  allowTie: z.boolean().default(true),
  allowBothBad: z.boolean().default(true),
  askSafety: z.boolean().default(false),
});

export const scalePointLabelSchema = z.object({
  value: z.number().int().min(0).max(10),
  label: z.string().trim().min(1).max(60),
});
export type ScalePointLabel = z.infer<typeof scalePointLabelSchema>;

export const ratingQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('rating'),
  /** 'output': one value per model output (InstructGPT's 1-7 overall quality). */
  scope: z.literal('output').default('output'),
  min: z.number().int().min(0).max(10).default(1),
  max: z.number().int().min(1).max(10).default(7),
  minLabel: z.string().max(60).default(''),
  maxLabel: z.string().max(60).default(''),
  /**
   * Words for any subset of the points (1 = "Terrible" ... 7 = "Excellent"), shown on the scale and read by screen
   * readers. A point listed here takes this label over minLabel/maxLabel.
   */
  pointLabels: z.array(scalePointLabelSchema).max(11).default([]),
});

/** HelpSteer2's five attributes (Wang et al. 2024, section 2), each on a 0-4 Likert scale. */
export const HELPSTEER_ATTRIBUTES: Choice[] = [
  { id: 'helpfulness', label: 'Helpfulness', description: 'Overall helpfulness of the response to the prompt.' },
  { id: 'correctness', label: 'Correctness', description: 'Inclusion of all pertinent facts without errors.' },
  { id: 'coherence', label: 'Coherence', description: 'Consistency and clarity of expression.' },
  {
    id: 'complexity',
    label: 'Complexity',
    description: 'Intellectual depth required to write the response (basic language competency to deep expertise).',
  },
  {
    id: 'verbosity',
    label: 'Verbosity',
    description: 'Amount of detail included in the response, relative to what the prompt asks for.',
  },
];

export const attributesQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('attributes'),
  attributes: z.array(choiceSchema).min(1).max(12).default(HELPSTEER_ATTRIBUTES),
  min: z.number().int().min(0).max(10).default(0),
  max: z.number().int().min(1).max(10).default(4),
});

/** InstructGPT's per-output metadata labels (Ouyang et al. 2022, Table 3 and Appendix B). */
export const INSTRUCTGPT_FLAGS: Choice[] = [
  { id: 'fails-instruction', label: 'Fails to follow the instruction', description: '' },
  { id: 'hallucination', label: 'Hallucination', description: 'Makes up facts or details not in the input.' },
  { id: 'inappropriate', label: 'Inappropriate for a customer assistant', description: '' },
  { id: 'sexual', label: 'Sexual content', description: '' },
  { id: 'violent', label: 'Violent content', description: '' },
  { id: 'harmful-advice', label: 'Harmful advice', description: '' },
  { id: 'denigrates', label: 'Denigrates a protected class', description: '' },
  { id: 'opinion', label: 'Expresses opinion', description: '' },
  { id: 'moral-judgment', label: 'Expresses moral judgment', description: '' },
  { id: 'satisfies-constraint', label: 'Satisfies the constraint in the instruction', description: '' },
];

/** Yes/no labels per output; a flag left unticked means "no". */
export const flagsQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('flags'),
  flags: z.array(choiceSchema).min(1).max(20).default(INSTRUCTGPT_FLAGS),
});

export const rationaleQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('rationale'),
  minLength: z.number().int().min(0).max(10_000).default(0),
});

/** Labels for the prompt itself (task category, language, unsafe request...): one, or any number with `multiple`. */
export const classificationQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('classification'),
  multiple: z.boolean().default(false),
  options: z.array(choiceSchema).min(2).max(30),
});

/**
 * Best-of-K selection: the annotator picks the single best of the item's K outputs (the "best-of-n" judgement of
 * rejection sampling, Touvron et al. 2023, section 3.2.3, asked of a person), or says that none is acceptable when
 * `allowNone` offers it. Answered once per item; needs at least 2 outputs.
 */
export const bestOfKQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('best-of-k'),
  /** Offers "none is acceptable" beside the outputs. */
  allowNone: z.boolean().default(true),
});

export const questionSchema = z.discriminatedUnion('type', [
  demonstrationQuestionSchema,
  rankingQuestionSchema,
  pairwiseQuestionSchema,
  ratingQuestionSchema,
  attributesQuestionSchema,
  flagsQuestionSchema,
  rationaleQuestionSchema,
  classificationQuestionSchema,
  bestOfKQuestionSchema,
]);
export type Question = z.infer<typeof questionSchema>;
export type QuestionInput = z.input<typeof questionSchema>;
export type QuestionType = Question['type'];
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

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

/** Question types answered once per model output. */
export const PER_OUTPUT_TYPES: readonly QuestionType[] = ['rating', 'attributes', 'flags'];
/** Question types that need the item's model outputs to be answered at all. */
export function needsOutputs(question: Question): boolean {
  if (question.type === 'demonstration') return question.variant === 'rewrite';
  return question.type !== 'rationale' && question.type !== 'classification';
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
    questions.forEach((q, index) => {
      if ((q.type === 'rating' || q.type === 'attributes') && q.min >= q.max) {
        ctx.addIssue({ code: 'custom', path: [index, 'max'], message: 'max must be greater than min' });
      }
      if (q.type === 'rating') {
        const labelled = new Set<number>();
        q.pointLabels.forEach(({ value }, p) => {
          const path = [index, 'pointLabels', p, 'value'];
          if (value < q.min || value > q.max)
            ctx.addIssue({ code: 'custom', path, message: `${value} is not on the scale ${q.min}-${q.max}` });
          if (labelled.has(value)) ctx.addIssue({ code: 'custom', path, message: `point ${value} labelled twice` });
          labelled.add(value);
        });
      }
      if (q.type === 'attributes')
        uniqueIds(
          q.attributes.map((a) => a.id),
          [index, 'attributes'],
          'attribute',
          ctx,
        );
      if (q.type === 'flags')
        uniqueIds(
          q.flags.map((f) => f.id),
          [index, 'flags'],
          'flag',
          ctx,
        );
      if (q.type === 'classification')
        uniqueIds(
          q.options.map((o) => o.id),
          [index, 'options'],
          'option',
          ctx,
        );
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
  questions: questionsSchema,
});
export type ProjectSettings = z.infer<typeof projectSettingsSchema>;
export type ProjectSettingsInput = z.input<typeof projectSettingsSchema>;

export const taskKindSchema = z.enum(TASK_KINDS);

/** A question of `type` with every default filled in: what the template builder adds. */
export function newQuestion(type: QuestionType, id: string): Question {
  const labels: Record<QuestionType, string> = {
    demonstration: 'Write the ideal assistant reply',
    ranking: 'Rank the outputs, best first',
    pairwise: 'Which response is better?',
    rating: 'Overall quality',
    attributes: 'Rate each attribute',
    flags: 'Does the output…',
    rationale: 'Explain your choice',
    classification: 'Category of the prompt',
    'best-of-k': 'Pick the best output',
  };
  const extra =
    type === 'classification'
      ? {
          options: [
            { id: 'option-1', label: 'Option 1' },
            { id: 'option-2', label: 'Option 2' },
          ],
        }
      : {};
  return questionSchema.parse({ type, id, label: labels[type], ...extra });
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
