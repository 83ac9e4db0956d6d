import { createHash, randomBytes } from 'node:crypto';
import type { AdminUser, ApiTokenAccess, CreateUserBody, User } from '@feedbench/shared';
import type { Clock } from '../../lib/clock.ts';
import { authErrors } from './auth.errors.ts';
import type { AuthRepository, UserRow } from './auth.repository.ts';
import { dummyHashPromise, hashPassword, verifyPassword } from './password.ts';

/** What an API token lets its bearer do: its owner's rights, narrowed to some projects and/or to reading. */
export interface TokenScope {
  tokenId: string;
  /** The one workspace whose projects the token reaches. */
  workspaceId: string;
  access: ApiTokenAccess;
  /** null: every project the owner may reach. */
  projectIds: string[] | null;
}

/** The caller: a signed-in user, or the owner of an API token with that token's scope. */
export type SessionUser = UserRow & { tokenScope?: TokenScope };

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
}) {
  const { repository, clock } = deps;
  const ttlMs = deps.sessionTtlHours * 3600 * 1000;
  // Sliding expiry is written at most this often, so every request does not become a write.
  const extendAfterMs = Math.min(ttlMs / 10, 3600 * 1000);

  /**
   * The one way a password is set after the account exists (own change, admin reset): every rule on new passwords
   * belongs here so both paths get it.
   */
  async function setPassword(userId: string, password: string) {
    await repository.setPasswordHash(userId, await hashPassword(password));
  }

  return {
    async createUser(body: CreateUserBody): Promise<User> {
      // Checked first, so a wrong workspace id creates no account.
      const workspaceId = await deps.workspaces.forNewAccount(body.workspaceId);
      const row = await repository.insertUser({
        email: body.email.toLowerCase(),
        passwordHash: await hashPassword(body.password),
        role: body.role,
      });
      if (!row) throw authErrors.emailTaken(body.email);
      await deps.workspaces.join(workspaceId, row.id, 'member');
      return toUser(row);
    },

    async listUsers(): Promise<AdminUser[]> {
      return (await repository.listUsers()).map((row) => ({ ...toUser(row), disabled: row.disabledAt !== null }));
    },

    /** Returns the user and a fresh session token (a new one each login: no session fixation). */
    async login(email: string, password: string): Promise<{ user: User; token: string; expiresAt: Date }> {
      const found = await repository.findCredentials(email.toLowerCase());
      // Verify against a dummy hash when the account does not exist, so timing does not reveal it.
      const ok = await verifyPassword(password, found?.passwordHash ?? (await dummyHashPromise));
      if (!found || !ok) throw authErrors.badCredentials();
      // Only after the password matched: a wrong guess learns nothing about the account.
      if (found.disabledAt) throw authErrors.disabled();
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(clock.now().getTime() + ttlMs);
      await repository.insertSession({ tokenHash: hashToken(token), userId: found.id, expiresAt });
      return { user: toUser(found), token, expiresAt };
    },

    async logout(token: string) {
      await repository.deleteSession(hashToken(token));
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
      return found ? verifyPassword(password, found.passwordHash) : false;
    },

    firstAdmin: () => repository.firstAdmin(),

    setPassword,

    /** One's own password, confirmed with the current one; the caller's other sessions end (this one stays). */
    async changeOwnPassword(user: SessionUser, sessionToken: string | undefined, current: string, next: string) {
      const hash = await repository.passwordHashOf(user.id);
      if (!hash || !(await verifyPassword(current, hash))) throw authErrors.wrongPassword();
      await setPassword(user.id, next);
      await repository.deleteSessionsOf(user.id, sessionToken ? hashToken(sessionToken) : undefined);
    },

    /** An admin sets a new password for someone; every session of that account ends. */
    async resetPassword(userId: string, password: string): Promise<User> {
      const found = await repository.findById(userId);
      if (!found) throw authErrors.noUser();
      await setPassword(userId, password);
      await repository.deleteSessionsOf(userId);
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
      return { ...toUser(row), disabled: row.disabledAt !== null };
    },

    async findUserByEmail(email: string) {
      return repository.findByEmail(email.toLowerCase());
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
