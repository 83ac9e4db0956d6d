import { createHash, randomBytes } from 'node:crypto';
import type { Account, AdminUser, ApiTokenAccess, CreateUserBody, UpdateMeBody, User } from '@feedbench/shared';
import type { Clock } from '../../lib/clock.ts';
import { type AuditActor, type AuditRecorder, SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { authErrors } from './auth.errors.ts';
import type { AuthRepository, UserRow } from './auth.repository.ts';
import { type HashScheduler, INTERNAL_LANE } from './hash-scheduler.ts';
import { hashPassword, SCRYPT_COST, type ScryptCost, unmatchableHash, verifyPassword } from './password.ts';
import { assertStrongPassword } from './password-policy.ts';

/**
 * The one way a password is set (account creation by an admin, the CLI, the first admin, the demo seed; any future
 * change or reset must use it too): refused with a 422 naming `password` when too weak, else hashed.
 */
export async function newPasswordHash(
  email: string,
  password: string,
  cost: ScryptCost = SCRYPT_COST,
): Promise<string> {
  assertStrongPassword(password, email);
  return hashPassword(password, cost);
}

/** What an API token lets its bearer do: its owner's rights, narrowed to some projects and/or to reading. */
export interface TokenScope {
  tokenId: string;
  /** The one workspace whose projects the token reaches. */
  workspaceId: string;
  access: ApiTokenAccess;
  /** null: every project the owner may reach. */
  projectIds: string[] | null;
}

/**
 * The caller: a signed-in user, or the owner of an API token with that token's scope; with the address of its request
 * (set by the authenticate plugin, absent on the CLI), which the audit trail records.
 */
export type SessionUser = UserRow & { tokenScope?: TokenScope; ip?: string };

export function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, role: row.role, createdAt: row.createdAt.toISOString() };
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Where new accounts go: every account belongs to at least one workspace (see modules/workspaces). */
interface AccountWorkspaces {
  forNewAccount(workspaceId?: string): Promise<string>;
  join(workspaceId: string, userId: string, role: 'member'): Promise<void>;
}

/** What else ends with an account's access when an admin disables it (tokens and leases live in other modules). */
interface AccountEnds {
  revokeTokens(userId: string): Promise<unknown>;
  releaseLeases(userId: string): Promise<unknown>;
}

export function createAuthService(deps: {
  repository: AuthRepository;
  clock: Clock;
  sessionTtlHours: number;
  workspaces: AccountWorkspaces;
  accountEnds?: AccountEnds;
  audit: AuditRecorder;
  /** Bounds the password hashes computed at once (see hash-scheduler.ts). */
  hashing: HashScheduler;
  /** scrypt's cost for new hashes: OWASP's unless the test harness lowers it (see password.ts). */
  passwordCost?: ScryptCost;
}) {
  const { repository, clock, audit, hashing } = deps;
  const cost = deps.passwordCost ?? SCRYPT_COST;
  const dummyHash = unmatchableHash(cost);
  const ttlMs = deps.sessionTtlHours * 3600 * 1000;
  // Sliding expiry is written at most this often, so every request does not become a write.
  const extendAfterMs = Math.min(ttlMs / 10, 3600 * 1000);

  /**
   * The one way a password is set after the account exists (own change, admin reset): every rule on new passwords
   * belongs here so both paths get it.
   */
  async function setPassword(userId: string, email: string, password: string) {
    await repository.setPasswordHash(
      userId,
      await hashing.run(INTERNAL_LANE, () => newPasswordHash(email, password, cost)),
    );
  }

  return {
    /** Audited as `by` (an admin's request, or the system for the CLI and seeds). */
    async createUser(body: CreateUserBody, by: AuditActor = SYSTEM_ACTOR): Promise<User> {
      // Checked first, so a weak password or a wrong workspace id creates no account.
      assertStrongPassword(body.password, body.email);
      const workspaceId = await deps.workspaces.forNewAccount(body.workspaceId);
      const row = await repository.insertUser({
        email: body.email.toLowerCase(),
        passwordHash: await hashing.run(INTERNAL_LANE, () => newPasswordHash(body.email, body.password, cost)),
        role: body.role,
      });
      if (!row) throw authErrors.emailTaken(body.email);
      await deps.workspaces.join(workspaceId, row.id, 'member');
      await audit.record('user.create', by, { target: row.email, details: { role: row.role } });
      return toUser(row);
    },

    async listUsers(): Promise<AdminUser[]> {
      return (await repository.listUsers()).map((row) => ({ ...toUser(row), disabled: row.disabledAt !== null }));
    },

    /** Returns the user and a fresh session token (a new one each login: no session fixation). */
    async login(
      email: string,
      password: string,
      from: { ip?: string } = {},
    ): Promise<{ user: Account; token: string; expiresAt: Date }> {
      const found = await repository.findCredentials(email.toLowerCase());
      // Verify against a dummy hash when the account does not exist, so timing does not reveal it. Hashes run in
      // the caller's address lane (hash-scheduler.ts), so one address cannot starve the others.
      const stored = found?.passwordHash ?? dummyHash;
      const ok = await hashing.run(from.ip ?? INTERNAL_LANE, () => verifyPassword(password, stored));
      if (!found || !ok) {
        // The email as typed: the trail shows what was tried, whether or not such an account exists.
        await audit.record('auth.login_failed', { id: null, email: null, ip: from.ip }, { target: email });
        throw authErrors.badCredentials();
      }
      // Only after the password matched: a wrong guess learns nothing about the account.
      if (found.disabledAt) throw authErrors.disabled();
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(clock.now().getTime() + ttlMs);
      await repository.insertSession({ tokenHash: hashToken(token), userId: found.id, expiresAt });
      await audit.record('auth.login', { id: found.id, email: found.email, ip: from.ip }, {});
      return { user: { ...toUser(found), locale: found.locale }, token, expiresAt };
    },

    /** The caller's own account with its preferences (read fresh: another browser may have changed them). */
    async account(user: SessionUser): Promise<Account> {
      return { ...toUser(user), locale: await repository.localeOf(user.id) };
    },

    /** The caller changes their own preferences; not audited (nothing about access changes). */
    async updateAccount(user: SessionUser, body: UpdateMeBody): Promise<Account> {
      await repository.setLocale(user.id, body.locale);
      return { ...toUser(user), locale: body.locale };
    },

    /** Ends a session (also the one a browser had before signing in again; not audited on its own). */
    async logout(token: string) {
      await repository.deleteSession(hashToken(token));
    },

    /** The caller signs out: their session ends and the trail records it. */
    async signOut(user: SessionUser, token: string | undefined) {
      if (token) await repository.deleteSession(hashToken(token));
      await audit.record('auth.logout', user, {});
    },

    /** The user behind a session token, or undefined; slides the idle expiry forward. */
    async resolveSession(token: string): Promise<SessionUser | undefined> {
      const now = clock.now();
      const tokenHash = hashToken(token);
      const row = await repository.findSessionUser(tokenHash, now);
      if (!row) return undefined;
      if (row.expiresAt.getTime() - now.getTime() < ttlMs - extendAfterMs) {
        await repository.extendSession(tokenHash, new Date(now.getTime() + ttlMs));
      }
      return { id: row.id, email: row.email, role: row.role, createdAt: row.createdAt };
    },

    /** Re-authentication for sensitive actions (minting an API token): is this the account's password? */
    async confirmPassword(email: string, password: string): Promise<boolean> {
      const found = await repository.findCredentials(email.toLowerCase());
      return found ? hashing.run(INTERNAL_LANE, () => verifyPassword(password, found.passwordHash)) : false;
    },

    firstAdmin: () => repository.firstAdmin(),

    setPassword,

    /** One's own password, confirmed with the current one; the caller's other sessions end (this one stays). */
    async changeOwnPassword(user: SessionUser, sessionToken: string | undefined, current: string, next: string) {
      const hash = await repository.passwordHashOf(user.id);
      const ok =
        hash !== undefined && (await hashing.run(user.ip ?? INTERNAL_LANE, () => verifyPassword(current, hash)));
      if (!ok) throw authErrors.wrongPassword();
      await setPassword(user.id, user.email, next);
      await repository.deleteSessionsOf(user.id, sessionToken ? hashToken(sessionToken) : undefined);
      await audit.record('auth.password_change', user, {});
    },

    /** An admin sets a new password for someone; every session of that account ends. */
    async resetPassword(actor: AuditActor, userId: string, password: string): Promise<User> {
      // One's own password is changed with the current one (a stolen admin session must not take the account).
      if (actor.id === userId) throw authErrors.resetOwnPassword();
      const found = await repository.findById(userId);
      if (!found) throw authErrors.noUser();
      await setPassword(userId, found.email, password);
      await repository.deleteSessionsOf(userId);
      await audit.record('user.password_reset', actor, { target: found.email });
      return toUser(found);
    },

    /** Disables (or enables) an account: disabling ends its sessions and tokens and frees the items it held. */
    async setDisabled(actor: SessionUser, userId: string, disabled: boolean): Promise<AdminUser> {
      if (disabled && actor.id === userId) throw authErrors.cannotDisableSelf();
      const row = await repository.setDisabled(userId, disabled ? clock.now() : null);
      if (!row) throw authErrors.noUser();
      if (disabled) {
        await repository.deleteSessionsOf(userId);
        await deps.accountEnds?.revokeTokens(userId);
        await deps.accountEnds?.releaseLeases(userId);
      }
      if (disabled) await audit.record('user.disable', actor, { target: row.email });
      else await audit.record('user.enable', actor, { target: row.email });
      return { ...toUser(row), disabled: row.disabledAt !== null };
    },

    /** Password hashes running, waiting, and the most ever at once (the bound is PASSWORD_HASH_CONCURRENCY). */
    hashingStats: () => hashing.stats(),

    async findUserByEmail(email: string) {
      return repository.findByEmail(email.toLowerCase());
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
