import type { ApiTokenAccess, ApiTokenProjectScope } from '@feedbench/shared';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { apiTokenProjects, apiTokens, users } from '../../db/schema/index.ts';

/** Token columns safe to list: the hash never leaves this file except as a lookup key. */
const listedColumns = {
  id: apiTokens.id,
  userId: apiTokens.userId,
  workspaceId: apiTokens.workspaceId,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  access: apiTokens.access,
  projectScope: apiTokens.projectScope,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};
export type TokenRow = {
  id: string;
  userId: string;
  workspaceId: string;
  name: string;
  prefix: string;
  access: ApiTokenAccess;
  projectScope: ApiTokenProjectScope;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export function createTokensRepository(db: Executor) {
  return {
    async insert(values: {
      userId: string;
      workspaceId: string;
      name: string;
      tokenHash: string;
      prefix: string;
      access: ApiTokenAccess;
      projectScope: ApiTokenProjectScope;
      expiresAt: Date | null;
    }): Promise<TokenRow> {
      const [row] = await db.insert(apiTokens).values(values).returning(listedColumns);
      if (!row) throw new Error('insert returned no row');
      return row;
    },
    async insertProjects(tokenId: string, projectIds: string[]) {
      if (projectIds.length === 0) return;
      await db.insert(apiTokenProjects).values(projectIds.map((projectId) => ({ tokenId, projectId })));
    },
    listForUser(userId: string): Promise<TokenRow[]> {
      return db
        .select(listedColumns)
        .from(apiTokens)
        .where(eq(apiTokens.userId, userId))
        .orderBy(desc(apiTokens.createdAt));
    },
    async projectIdsOf(tokenIds: string[]): Promise<Map<string, string[]>> {
      const byToken = new Map<string, string[]>();
      if (tokenIds.length === 0) return byToken;
      const rows = await db.select().from(apiTokenProjects).where(inArray(apiTokenProjects.tokenId, tokenIds));
      for (const row of rows) byToken.set(row.tokenId, [...(byToken.get(row.tokenId) ?? []), row.projectId]);
      return byToken;
    },
    /** Every account's tokens with their owners, newest first (instance admins' view). */
    listAll(): Promise<(TokenRow & { ownerEmail: string })[]> {
      return db
        .select({ ...listedColumns, ownerEmail: users.email })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .orderBy(desc(apiTokens.createdAt));
    },
    async findWithOwner(tokenId: string): Promise<(TokenRow & { ownerEmail: string }) | undefined> {
      const [row] = await db
        .select({ ...listedColumns, ownerEmail: users.email })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .where(eq(apiTokens.id, tokenId));
      return row;
    },
    async findOwned(tokenId: string, userId: string): Promise<TokenRow | undefined> {
      const [row] = await db
        .select(listedColumns)
        .from(apiTokens)
        .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)));
      return row;
    },
    /** Sets revoked_at once; a second revoke keeps the first time. */
    async revoke(tokenId: string, now: Date) {
      await db
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)));
    },
    /** Revokes every live token of an account (it was disabled). */
    async revokeAllOf(userId: string, now: Date) {
      await db
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
    },
    /** The live token behind a hash, with its owner; expiry and revocation are checked by the caller's clock. */
    async findByHash(tokenHash: string) {
      const [row] = await db
        .select({
          token: listedColumns,
          user: { id: users.id, email: users.email, role: users.role, createdAt: users.createdAt },
        })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        // A disabled account's tokens are revoked too; this keeps them dead even if one was missed.
        .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(users.disabledAt)));
      return row;
    },
    async touch(tokenId: string, now: Date) {
      await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, tokenId));
    },
  };
}
export type TokensRepository = ReturnType<typeof createTokensRepository>;
