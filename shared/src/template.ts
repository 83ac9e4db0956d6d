import { z } from 'zod';
import { ORDERING_POLICIES, TASK_KINDS, type TaskKind } from './constants.ts';

/**
 * A project's annotation template is a list of questions. Each question type is one member of a discriminated
 * union, so new types (pairwise, flags, classification...) are added as new members without touching the others.
 */
const questionBase = {
  id: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'lowercase letters, digits, - or _, starting with a letter'),
  label: z.string().min(1).max(200),
  required: z.boolean().default(true),
};

export const demonstrationQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('demonstration'),
  minLength: z.number().int().min(0).max(10_000).default(1),
});

export const rankingQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('ranking'),
  allowTies: z.boolean().default(true),
});

export const ratingQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('rating'),
  /** 'output': one value per model output (InstructGPT's 1-7 overall quality). */
  scope: z.literal('output').default('output'),
  min: z.number().int().min(0).max(10).default(1),
  max: z.number().int().min(1).max(10).default(7),
  minLabel: z.string().max(60).default(''),
  maxLabel: z.string().max(60).default(''),
});

export const questionSchema = z.discriminatedUnion('type', [
  demonstrationQuestionSchema,
  rankingQuestionSchema,
  ratingQuestionSchema,
]);
export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question['type'];

export const projectSettingsSchema = z
  .object({
    /** How many distinct annotators must complete each item. */
    overlapTarget: z.number().int().min(1).max(50).default(1),
    /** Lease length; fractions allowed (load tests use seconds-long leases). Heartbeats extend it. */
    leaseMinutes: z
      .number()
      .min(0.05)
      .max(24 * 60)
      .default(30),
    ordering: z.enum(ORDERING_POLICIES).default('closest-to-completion'),
    questions: z.array(questionSchema).min(1).max(50),
  })
  .superRefine((settings, ctx) => {
    const seen = new Set<string>();
    settings.questions.forEach((q, index) => {
      if (seen.has(q.id)) {
        ctx.addIssue({ code: 'custom', path: ['questions', index, 'id'], message: `duplicate question id "${q.id}"` });
      }
      seen.add(q.id);
      if (q.type === 'rating' && q.min >= q.max) {
        ctx.addIssue({ code: 'custom', path: ['questions', index, 'max'], message: 'max must be greater than min' });
      }
    });
  });
export type ProjectSettings = z.infer<typeof projectSettingsSchema>;
export type ProjectSettingsInput = z.input<typeof projectSettingsSchema>;

export const taskKindSchema = z.enum(TASK_KINDS);

/** The template a new project of each kind starts with. */
export function defaultSettings(kind: TaskKind): ProjectSettings {
  const questions: Question[] =
    kind === 'demonstration'
      ? [{ id: 'reply', type: 'demonstration', label: 'Write the ideal assistant reply', required: true, minLength: 1 }]
      : [
          { id: 'rank', type: 'ranking', label: 'Rank the outputs, best first', required: true, allowTies: true },
          {
            id: 'quality',
            type: 'rating',
            label: 'Overall quality',
            required: true,
            scope: 'output',
            min: 1,
            max: 7,
            minLabel: 'Terrible',
            maxLabel: 'Excellent',
          },
        ];
  return { overlapTarget: 1, leaseMinutes: 30, ordering: 'closest-to-completion', questions };
}

/** Kinds whose items must carry model outputs. */
export function kindNeedsOutputs(kind: TaskKind): boolean {
  return kind === 'ranking';
}
