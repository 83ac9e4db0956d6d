import { z } from 'zod';

/** CSRF token for cookie-authenticated writes, sent back as the `x-csrf-token` header (null when signed out). */
export const CSRF_HEADER = 'x-csrf-token';
export const csrfResponse = z.object({ csrfToken: z.string().nullable() });
export type CsrfResponse = z.infer<typeof csrfResponse>;

/** `read`: GET/HEAD only; `write`: everything the owner may do. */
export const API_TOKEN_ACCESS = ['read', 'write'] as const;
export type ApiTokenAccess = (typeof API_TOKEN_ACCESS)[number];
/** `all`: every project the owner may reach, now and later; `listed`: only `projectIds`. */
export const API_TOKEN_PROJECT_SCOPES = ['all', 'listed'] as const;
export type ApiTokenProjectScope = (typeof API_TOKEN_PROJECT_SCOPES)[number];
/** Tokens start with this, so secret scanners and people recognise them. */
export const API_TOKEN_PREFIX = 'fbt_';

export const createApiTokenBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    /** The one workspace the token reaches; omitted: the default workspace (or the owner's only one). */
    workspaceId: z.string().uuid().optional(),
    /**
     * The owner's password, asked again: a script injected into the page (the XSS -> mint a token -> take over chain
     * of CVE-2026-22033) holds the session but not the password.
     */
    password: z.string().min(1).max(200),
    access: z.enum(API_TOKEN_ACCESS).default('read'),
    /** Omitted: every project the owner may reach. */
    projectIds: z.array(z.string().uuid()).min(1).max(100).optional(),
    /** Days until the token stops working; omitted: never. */
    expiresInDays: z.number().int().min(1).max(366).optional(),
  })
  .strict();
export type CreateApiTokenBody = z.input<typeof createApiTokenBody>;

export const apiTokenSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  prefix: z.string(),
  workspaceId: z.string().uuid(),
  access: z.enum(API_TOKEN_ACCESS),
  projectScope: z.enum(API_TOKEN_PROJECT_SCOPES),
  projectIds: z.array(z.string().uuid()),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

/** The only answer that ever carries the secret. */
export const createdApiTokenResponse = z.object({ token: z.string(), apiToken: apiTokenSchema });
export type CreatedApiTokenResponse = z.infer<typeof createdApiTokenResponse>;
export const apiTokenListResponse = z.object({ tokens: z.array(apiTokenSchema) });
export const apiTokenIdParams = z.object({ tokenId: z.string().uuid() });
/** Every account's tokens, for instance admins (`GET /api/admin/tokens`): who owns each, never the secret. */
export const adminApiTokenSchema = apiTokenSchema.extend({ ownerId: z.string().uuid(), ownerEmail: z.string() });
export type AdminApiToken = z.infer<typeof adminApiTokenSchema>;
export const adminApiTokenListResponse = z.object({ tokens: z.array(adminApiTokenSchema) });

/** Every action the audit log records. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'user.create',
  'member.add',
  'project.create',
  'project.update',
  'items.import',
  'export.download',
  'token.create',
  'token.revoke',
  'workspace.create',
  'workspace.member_add',
  'workspace.member_remove',
  'workspace.invite',
  'workspace.invitation_revoke',
  'workspace.invitation_accept',
  'workspace.invitation_decline',
  'review.verdict',
  'gold.mark',
  'gold.unmark',
  'gold.settings',
  'annotator.pause',
  'annotator.resume',
  'adjudication.save',
  'auth.password_change',
  'user.disable',
  'user.enable',
  'user.password_reset',
  'project.member_remove',
  'judge.create',
  'judge.delete',
  'judge_job.create',
  'judge_job.cancel',
  'judge.suggestions',
  'model_connection.create',
  'model_connection.update',
  'model_connection.delete',
  'generation.start',
  'generation.cancel',
  'output_scores.set',
  'score_job.create',
  'score_job.cancel',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEventSchema = z.object({
  id: z.string().uuid(),
  at: z.string(),
  actorId: z.string().uuid().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  projectId: z.string().uuid().nullable(),
  target: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  /** Names for the ids above, read when the log is (null when the project or workspace is gone). */
  projectName: z.string().nullable().optional(),
  workspaceName: z.string().nullable().optional(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditQuery = z
  .object({
    action: z.enum(AUDIT_ACTIONS).optional(),
    projectId: z.string().uuid().optional(),
    /** Cursor from `nextBefore` of the previous page: events strictly older than it. */
    before: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z_[0-9a-f-]{36}$/, 'a nextBefore cursor')
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuery>;
export const auditListResponse = z.object({ events: z.array(auditEventSchema), nextBefore: z.string().nullable() });
export type AuditListResponse = z.infer<typeof auditListResponse>;
