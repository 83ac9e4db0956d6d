import { z } from 'zod';
import { emailSchema } from './auth.ts';

/**
 * Workspaces isolate projects and people from each other (Label Studio's organizations, Argilla's workspaces):
 * every project belongs to one, and only its members can see it or be added to it. `owner` and `admin` manage the
 * members; `member` works inside it with their project roles. The instance admin manages every workspace.
 */
export const WORKSPACE_ROLES = ['owner', 'admin', 'member'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];
/** The workspace the first migration moved existing data into; projects land here when none is named. */
export const DEFAULT_WORKSPACE_SLUG = 'default';

export const workspaceIdParams = z.object({ workspaceId: z.string().uuid() });
export const workspaceMemberParams = z.object({ workspaceId: z.string().uuid(), userId: z.string().uuid() });

export const workspaceSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  slug: z.string(),
  createdAt: z.string(),
  /** The caller's role; null for an instance admin who is not a member. */
  myRole: z.enum(WORKSPACE_ROLES).nullable(),
});
export type Workspace = z.infer<typeof workspaceSchema>;
export const workspaceListResponse = z.object({ workspaces: z.array(workspaceSchema) });
export type WorkspaceListResponse = z.infer<typeof workspaceListResponse>;

export const createWorkspaceBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    /** Lower-case letters, digits and dashes; used by the CLI's `--workspace`. */
    slug: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes (at most 63)'),
  })
  .strict();
export type CreateWorkspaceBody = z.infer<typeof createWorkspaceBody>;

export const workspaceMemberSchema = z.object({
  userId: z.string().uuid(),
  email: z.string(),
  role: z.enum(WORKSPACE_ROLES),
});
export type WorkspaceMember = z.infer<typeof workspaceMemberSchema>;
export const workspaceMemberListResponse = z.object({ members: z.array(workspaceMemberSchema) });

/** Adds an existing account to the workspace, or changes its role there. */
export const addWorkspaceMemberBody = z
  .object({ email: emailSchema, role: z.enum(WORKSPACE_ROLES).default('member') })
  .strict();
export type AddWorkspaceMemberBody = z.input<typeof addWorkspaceMemberBody>;

/** How long an invitation stays open. */
export const INVITATION_TTL_DAYS = 14;

/**
 * Invites an email to the workspace (owners and admins of it; instance admins too). The answer is the same whether
 * or not an account has that email: the invited person accepts once signed in with it.
 */
export const inviteWorkspaceMemberBody = z
  .object({ email: emailSchema, role: z.enum(WORKSPACE_ROLES).default('member') })
  .strict();
export type InviteWorkspaceMemberBody = z.input<typeof inviteWorkspaceMemberBody>;

export const workspaceInvitationSchema = z.object({
  id: z.string().uuid(),
  workspaceId: z.string().uuid(),
  email: z.string(),
  role: z.enum(WORKSPACE_ROLES),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type WorkspaceInvitation = z.infer<typeof workspaceInvitationSchema>;
export const workspaceInvitationResponse = z.object({ invitation: workspaceInvitationSchema });
export const workspaceInvitationListResponse = z.object({ invitations: z.array(workspaceInvitationSchema) });
export const workspaceInvitationParams = z.object({
  workspaceId: z.string().uuid(),
  invitationId: z.string().uuid(),
});

/** An invitation as the invited person sees it: which workspace, which role, from whom. */
export const myInvitationSchema = z.object({
  id: z.string().uuid(),
  workspaceId: z.string().uuid(),
  workspaceName: z.string(),
  role: z.enum(WORKSPACE_ROLES),
  invitedBy: z.string().nullable(),
  expiresAt: z.string(),
});
export type MyInvitation = z.infer<typeof myInvitationSchema>;
export const myInvitationListResponse = z.object({ invitations: z.array(myInvitationSchema) });
export const invitationIdParams = z.object({ invitationId: z.string().uuid() });
