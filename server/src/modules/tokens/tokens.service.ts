import { createHash, randomBytes } from 'node:crypto';
import {
  type AdminApiToken,
  API_TOKEN_PREFIX,
  type ApiToken,
  type CreatedApiTokenResponse,
  type createApiTokenBody,
} from '@feedbench/shared';
import type { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AuditRecorder } from '../audit/audit.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import type { WorkspacesService } from '../workspaces/workspaces.service.ts';
import { tokenErrors } from './tokens.errors.ts';
import { createTokensRepository, type TokenRow } from './tokens.repository.ts';

interface Deps {
  db: Database;
  clock: Clock;
  projects: Pick<ProjectsService, 'access'>;
  workspaces: Pick<WorkspacesService, 'resolveTarget'>;
  confirmPassword(email: string, password: string): Promise<boolean>;
  audit: AuditRecorder;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** last_used_at is written at most this often per token, so a busy script does not turn reads into writes. */
const TOUCH_EVERY_MS = 60 * 1000;

function toApiToken(row: TokenRow, projectIds: string[]): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    workspaceId: row.workspaceId,
    access: row.access,
    projectScope: row.projectScope,
    projectIds,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/**
 * Personal API tokens: 256 random bits behind a recognisable prefix, shown once, stored as SHA-256 (a fast hash is
 * enough for high-entropy secrets; nothing to brute-force), revocable, optionally read-only and limited to projects.
 */
export function createTokensService({ db, clock, projects, workspaces, confirmPassword, audit }: Deps) {
  const repository = createTokensRepository(db);

  return {
    async create(user: SessionUser, body: z.output<typeof createApiTokenBody>): Promise<CreatedApiTokenResponse> {
      // A leaked token must not be able to mint more of itself.
      if (user.tokenScope) throw tokenErrors.sessionOnly();
      if (!(await confirmPassword(user.email, body.password))) throw tokenErrors.reauthFailed();
      const workspace = await workspaces.resolveTarget(user, body.workspaceId).catch((error: unknown) => {
        throw error instanceof AppError && error.statusCode === 404 ? tokenErrors.workspaceOutOfReach() : error;
      });
      const projectIds = [...new Set(body.projectIds ?? [])];
      for (const projectId of projectIds) {
        const reached = await projects.access(user, projectId).catch((error: unknown) => {
          throw error instanceof AppError && error.statusCode === 404
            ? tokenErrors.projectOutOfReach(projectId)
            : error;
        });
        // Listed projects narrow the workspace; they cannot reach past it.
        if (reached.row.workspaceId !== workspace.id) throw tokenErrors.projectOutOfReach(projectId);
      }
      const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        const txRepo = createTokensRepository(tx);
        const inserted = await txRepo.insert({
          userId: user.id,
          workspaceId: workspace.id,
          name: body.name,
          tokenHash: hashToken(token),
          prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
          access: body.access,
          projectScope: body.projectIds ? 'listed' : 'all',
          expiresAt: body.expiresInDays ? new Date(now.getTime() + body.expiresInDays * 24 * 3600 * 1000) : null,
        });
        await txRepo.insertProjects(inserted.id, projectIds);
        return inserted;
      });
      const apiToken = toApiToken(row, projectIds);
      await audit.record('token.create', user, {
        target: apiToken.id,
        details: {
          name: apiToken.name,
          workspaceId: apiToken.workspaceId,
          access: apiToken.access,
          projectIds: apiToken.projectIds,
        },
      });
      return { token, apiToken };
    },

    async list(user: SessionUser): Promise<ApiToken[]> {
      const rows = await repository.listForUser(user.id);
      const projectIds = await repository.projectIdsOf(rows.map((r) => r.id));
      return rows.map((r) => toApiToken(r, projectIds.get(r.id) ?? []));
    },

    /** Every account's tokens (never their secrets), for instance admins; the route checks the role. */
    async listAll(): Promise<AdminApiToken[]> {
      const rows = await repository.listAll();
      const projectIds = await repository.projectIdsOf(rows.map((r) => r.id));
      return rows.map((r) => ({
        ...toApiToken(r, projectIds.get(r.id) ?? []),
        ownerId: r.userId,
        ownerEmail: r.ownerEmail,
      }));
    },

    /**
     * Owners revoke their own tokens, instance admins anyone's (with a session: a token cannot revoke others');
     * 404 for anyone else: a token's existence is private too. Audited with the owner's email when it is not the caller.
     */
    async revoke(user: SessionUser, tokenId: string): Promise<{ token: ApiToken; ownerEmail: string }> {
      const asAdmin = user.role === 'admin' && !user.tokenScope;
      const row = await repository.findWithOwner(tokenId);
      if (!row || (row.userId !== user.id && !asAdmin)) throw tokenErrors.notFound();
      await repository.revoke(tokenId, clock.now());
      const revoked = (await repository.findWithOwner(tokenId)) ?? row;
      const projectIds = (await repository.projectIdsOf([tokenId])).get(tokenId) ?? [];
      await audit.record('token.revoke', user, {
        target: tokenId,
        // An admin revoking someone else's token: the owner is named, so the trail shows whose it was.
        details: { name: row.name, ...(row.ownerEmail === user.email ? {} : { ownerEmail: row.ownerEmail }) },
      });
      return { token: toApiToken(revoked, projectIds), ownerEmail: row.ownerEmail };
    },

    /** Ends every token of an account (disabled by an admin). */
    revokeAllOf: (userId: string) => repository.revokeAllOf(userId, clock.now()),

    /** The caller behind a bearer token, scoped; undefined when unknown, revoked or expired. */
    async resolve(token: string): Promise<SessionUser | undefined> {
      if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return undefined;
      const found = await repository.findByHash(hashToken(token));
      const now = clock.now();
      if (!found || found.token.revokedAt || (found.token.expiresAt && found.token.expiresAt <= now)) return undefined;
      const { token: row, user } = found;
      if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS)
        await repository.touch(row.id, now);
      const projectIds =
        row.projectScope === 'listed' ? ((await repository.projectIdsOf([row.id])).get(row.id) ?? []) : null;
      return {
        ...user,
        tokenScope: { tokenId: row.id, workspaceId: row.workspaceId, access: row.access, projectIds },
      };
    },
  };
}
export type TokensService = ReturnType<typeof createTokensService>;
