import { z } from 'zod';
import { chatSettingsSchema } from '../chat-settings.ts';
import { MEMBER_ROLES, ORDERING_POLICIES, TASK_KINDS } from '../constants.ts';
import { importJobSchema } from '../import-line.ts';
import {
  chatSettingsProblems,
  defaultSettings,
  goldSettingsSchema,
  projectSettingsSchema,
  questionsSchema,
} from '../template.ts';
import { exportJobSchema } from './exports.ts';
import { generationJobSchema } from './generation.ts';
import { judgeJobSchema } from './judge-jobs.ts';
import { scoreJobSchema } from './reward-scores.ts';

export const projectIdParams = z.object({ projectId: z.string().uuid() });

export const projectProgressSchema = z.object({
  items: z.number().int(),
  /** Submitted annotations. */
  annotations: z.number().int(),
  /** Items that reached their overlap target. */
  completedItems: z.number().int(),
  activeLeases: z.number().int(),
  skips: z.number().int(),
});
export type ProjectProgress = z.infer<typeof projectProgressSchema>;

export const projectSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  /** The workspace the project belongs to; only its members can reach the project. */
  workspaceId: z.string().uuid(),
  kind: z.enum(TASK_KINDS),
  guidelines: z.string(),
  guidelinesVersion: z.number().int(),
  /** Bumped whenever the questions change; every annotation records the version it was made under. */
  templateVersion: z.number().int(),
  /** `gold` only for researchers: annotators and reviewers are not told whether control items are mixed in. */
  settings: projectSettingsSchema.extend({ gold: goldSettingsSchema.optional() }),
  createdAt: z.string(),
  /** The caller's role in this project (admins see every project as researchers). */
  myRole: z.enum(MEMBER_ROLES),
  progress: projectProgressSchema,
});
export type Project = z.infer<typeof projectSchema>;

export const projectListResponse = z.object({ projects: z.array(projectSchema) });
/** `GET /api/projects?workspaceId=`: one workspace's projects (still only those the caller may see). */
export const projectListQuery = z.object({ workspaceId: z.string().uuid().optional() }).strict();
export type ProjectListResponse = z.infer<typeof projectListResponse>;

export const createProjectBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    kind: z.enum(TASK_KINDS),
    /** Omitted: the default workspace when the caller belongs to it, else their only one (a token: its own). */
    workspaceId: z.string().uuid().optional(),
    guidelines: z.string().max(200_000).default(''),
    /** Omitted: the default template for the kind (a chat project must name its candidates: `settings.chat`). */
    settings: projectSettingsSchema.optional(),
  })
  .superRefine((body, ctx) => {
    const settings = body.settings ?? defaultSettings(body.kind);
    for (const { path, message } of chatSettingsProblems(body.kind, settings)) {
      ctx.addIssue({ code: 'custom', path: ['settings', ...path], message });
    }
  });
export type CreateProjectBody = z.input<typeof createProjectBody>;

export const updateProjectBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    guidelines: z.string().max(200_000).optional(),
    overlapTarget: z.number().int().min(1).max(50).optional(),
    /** Lease length for claims made from now on (open leases keep their expiry). */
    leaseMinutes: z
      .number()
      .min(0.05)
      .max(24 * 60)
      .optional(),
    /** Which item a claim picks first. */
    ordering: z.enum(ORDERING_POLICIES).optional(),
    /** Outputs come from model connections: prompts may be imported without (enough) outputs. */
    outputsFromModels: z.boolean().optional(),
    /** The whole new template; a change bumps `templateVersion`. */
    questions: questionsSchema.optional(),
    /** Chat projects: the whole new chat block (candidates, system prompt, turn limit, budgets). */
    chat: chatSettingsSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to update');
export type UpdateProjectBody = z.input<typeof updateProjectBody>;

export const memberSchema = z.object({
  userId: z.string().uuid(),
  email: z.string(),
  role: z.enum(MEMBER_ROLES),
});
export type Member = z.infer<typeof memberSchema>;
export const memberListResponse = z.object({ members: z.array(memberSchema) });

export const projectMemberParams = z.object({ projectId: z.string().uuid(), userId: z.string().uuid() });

export const addMemberBody = z.object({
  email: z.string().trim().toLowerCase().email(),
  role: z.enum(MEMBER_ROLES),
});
export type AddMemberBody = z.infer<typeof addMemberBody>;

/** Messages on the project's live websocket (`GET /api/projects/:projectId/live`). */
export const liveMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    projectId: z.string().uuid(),
    progress: projectProgressSchema,
    /** Background export jobs running now or finished in the last minute (absent when there are none). */
    exportJobs: z.array(exportJobSchema).optional(),
    /** Imports running now or finished in the last minute (absent when there are none). */
    importJobs: z.array(importJobSchema).optional(),
    /** Judging jobs running now or finished in the last minute (absent when there are none). */
    judgeJobs: z.array(judgeJobSchema).optional(),
    /** Generation jobs running now or finished in the last minute (researchers only; absent when there are none). */
    generationJobs: z.array(generationJobSchema).optional(),
    /** Reward-model scoring jobs running now or finished in the last minute (researchers only; absent when none). */
    scoreJobs: z.array(scoreJobSchema).optional(),
  }),
]);
export type LiveMessage = z.infer<typeof liveMessageSchema>;
