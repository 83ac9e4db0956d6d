import { createHash, randomBytes } from 'node:crypto';
import type { ApiTokenAccess, CreateUserBody, User } from '@feedbench/shared';
import type { Clock } from '../../lib/clock.ts';
import { authErrors } from './auth.errors.ts';
import type { AuthRepository, UserRow } from './auth.repository.ts';
import { type HashScheduler, INTERNAL_LANE } from './hash-scheduler.ts';
import { dummyHashPromise, hashPassword, verifyPassword } from './password.ts';
import { assertStrongPassword } from './password-policy.ts';

/**
 * The one way a password is set (account creation by an admin, the CLI, the first admin, the demo seed; any future
 * change or reset must use it too): refused with a 422 naming `password` when too weak, else hashed.
 */
export async function newPasswordHash(email: string, password: string): Promise<string> {
  assertStrongPassword(password, email);
  return hashPassword(password);
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

export function createAuthService(deps: {
  repository: AuthRepository;
  clock: Clock;
  sessionTtlHours: number;
  workspaces: AccountWorkspaces;
  /** Bounds the password hashes computed at once (see hash-scheduler.ts). */
  hashing: HashScheduler;
}) {
  const { repository, clock, hashing } = deps;
  const ttlMs = deps.sessionTtlHours * 3600 * 1000;
  // Sliding expiry is written at most this often, so every request does not become a write.
  const extendAfterMs = Math.min(ttlMs / 10, 3600 * 1000);

  return {
    async createUser(body: CreateUserBody): Promise<User> {
      // Checked first, so a weak password or a wrong workspace id creates no account.
      assertStrongPassword(body.password, body.email);
      const workspaceId = await deps.workspaces.forNewAccount(body.workspaceId);
      const row = await repository.insertUser({
        email: body.email.toLowerCase(),
        passwordHash: await hashing.run(INTERNAL_LANE, () => newPasswordHash(body.email, body.password)),
        role: body.role,
      });
      if (!row) throw authErrors.emailTaken(body.email);
      await deps.workspaces.join(workspaceId, row.id, 'member');
      return toUser(row);
    },

    async listUsers(): Promise<User[]> {
      return (await repository.listUsers()).map(toUser);
    },

    /** Returns the user and a fresh session token (a new one each login: no session fixation). */
    async login(
      email: string,
      password: string,
      options: { lane?: string } = {},
    ): Promise<{ user: User; token: string; expiresAt: Date }> {
      const found = await repository.findCredentials(email.toLowerCase());
      // Verify against a dummy hash when the account does not exist, so timing does not reveal it.
      const stored = found?.passwordHash ?? (await dummyHashPromise);
      const ok = await hashing.run(options.lane ?? INTERNAL_LANE, () => verifyPassword(password, stored));
      if (!found || !ok) throw authErrors.badCredentials();
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
      return found ? hashing.run(INTERNAL_LANE, () => verifyPassword(password, found.passwordHash)) : false;
    },

    firstAdmin: () => repository.firstAdmin(),

    /** Password hashes running, waiting, and the most ever at once (the bound is PASSWORD_HASH_CONCURRENCY). */
    hashingStats: () => hashing.stats(),

    async findUserByEmail(email: string) {
      return repository.findByEmail(email.toLowerCase());
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
