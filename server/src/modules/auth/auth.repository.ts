import type { Locale } from '@feedbench/shared';
import { and, asc, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { sessions, users } from '../../db/schema/index.ts';

/** Columns safe to return anywhere: the password hash never leaves this file except through findCredentials. */
const publicColumns = { id: users.id, email: users.email, role: users.role, createdAt: users.createdAt };
export type UserRow = { id: string; email: string; role: 'admin' | 'researcher' | 'annotator'; createdAt: Date };

export function createAuthRepository(db: Executor) {
  // Every request with a session cookie runs this: a named prepared statement, parsed and planned once per connection.
  const sessionUser = db
    .select({ ...publicColumns, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        gt(sessions.expiresAt, sql.placeholder('now')),
        // Disabling deletes the sessions; this keeps a disabled account out even if one was missed.
        isNull(users.disabledAt),
      ),
    )
    .prepare('feedbench_session_user');
  return {
    async findCredentials(email: string) {
      const [row] = await db
        .select({
          ...publicColumns,
          passwordHash: users.passwordHash,
          disabledAt: users.disabledAt,
          locale: users.locale,
        })
        .from(users)
        .where(eq(users.email, email));
      return row;
    },
    async findById(id: string): Promise<UserRow | undefined> {
      const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id));
      return row;
    },
    async findByEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db.select(publicColumns).from(users).where(eq(users.email, email));
      return row;
    },
    /** Returns undefined when the email is taken (unique index), so races answer 409, not 500. */
    async insertUser(values: { email: string; passwordHash: string; role: UserRow['role'] }) {
      const [row] = await db.insert(users).values(values).onConflictDoNothing().returning(publicColumns);
      return row;
    },
    async firstAdmin(): Promise<UserRow | undefined> {
      const [row] = await db
        .select(publicColumns)
        .from(users)
        .where(eq(users.role, 'admin'))
        .orderBy(asc(users.createdAt))
        .limit(1);
      return row;
    },
    listUsers(): Promise<(UserRow & { disabledAt: Date | null })[]> {
      return db
        .select({ ...publicColumns, disabledAt: users.disabledAt })
        .from(users)
        .orderBy(asc(users.email));
    },
    async localeOf(id: string): Promise<Locale | null> {
      const [row] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, id));
      return row?.locale ?? null;
    },
    async setLocale(id: string, locale: Locale) {
      await db.update(users).set({ locale }).where(eq(users.id, id));
    },
    async passwordHashOf(id: string): Promise<string | undefined> {
      const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, id));
      return row?.passwordHash;
    },
    async setPasswordHash(id: string, passwordHash: string) {
      await db.update(users).set({ passwordHash }).where(eq(users.id, id));
    },
    async setDisabled(id: string, disabledAt: Date | null) {
      const [row] = await db
        .update(users)
        .set({ disabledAt })
        .where(eq(users.id, id))
        .returning({ ...publicColumns, disabledAt: users.disabledAt });
      return row;
    },
    /** Ends an account's sessions, all of them or all but the one making the request. */
    async deleteSessionsOf(userId: string, exceptTokenHash?: string) {
      await db
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), exceptTokenHash ? ne(sessions.tokenHash, exceptTokenHash) : undefined));
    },
    async insertSession(values: { tokenHash: string; userId: string; expiresAt: Date }) {
      await db.insert(sessions).values(values);
    },
    async findSessionUser(tokenHash: string, now: Date): Promise<(UserRow & { expiresAt: Date }) | undefined> {
      const [row] = await sessionUser.execute({ tokenHash, now });
      return row;
    },
    async extendSession(tokenHash: string, expiresAt: Date) {
      await db.update(sessions).set({ expiresAt }).where(eq(sessions.tokenHash, tokenHash));
    },
    async deleteSession(tokenHash: string) {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    },
    async deleteExpiredSessions(now: Date) {
      await db.delete(sessions).where(lt(sessions.expiresAt, now));
    },
  };
}
export type AuthRepository = ReturnType<typeof createAuthRepository>;
