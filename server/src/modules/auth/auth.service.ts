import { createHash, randomBytes } from 'node:crypto';
import type { ApiTokenAccess, CreateUserBody, User } from '@feedbench/shared';
import type { Clock } from '../../lib/clock.ts';
import { type AuditActor, type AuditRecorder, SYSTEM_ACTOR } from '../audit/audit.service.ts';
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

export function createAuthService(deps: {
  repository: AuthRepository;
  clock: Clock;
  sessionTtlHours: number;
  workspaces: AccountWorkspaces;
  audit: AuditRecorder;
}) {
  const { repository, clock, audit } = deps;
  const ttlMs = deps.sessionTtlHours * 3600 * 1000;
  // Sliding expiry is written at most this often, so every request does not become a write.
  const extendAfterMs = Math.min(ttlMs / 10, 3600 * 1000);

  return {
    /** Audited as `by` (an admin's request, or the system for the CLI and seeds). */
    async createUser(body: CreateUserBody, by: AuditActor = SYSTEM_ACTOR): Promise<User> {
      // Checked first, so a wrong workspace id creates no account.
      const workspaceId = await deps.workspaces.forNewAccount(body.workspaceId);
      const row = await repository.insertUser({
        email: body.email.toLowerCase(),
        passwordHash: await hashPassword(body.password),
        role: body.role,
      });
      if (!row) throw authErrors.emailTaken(body.email);
      await deps.workspaces.join(workspaceId, row.id, 'member');
      await audit.record('user.create', by, { target: row.email, details: { role: row.role } });
      return toUser(row);
    },

    async listUsers(): Promise<User[]> {
      return (await repository.listUsers()).map(toUser);
    },

    /** Returns the user and a fresh session token (a new one each login: no session fixation). */
    async login(
      email: string,
      password: string,
      from: { ip?: string } = {},
    ): Promise<{ user: User; token: string; expiresAt: Date }> {
      const found = await repository.findCredentials(email.toLowerCase());
      // Verify against a dummy hash when the account does not exist, so timing does not reveal it.
      const ok = await verifyPassword(password, found?.passwordHash ?? (await dummyHashPromise));
      if (!found || !ok) {
        // The email as typed: the trail shows what was tried, whether or not such an account exists.
        await audit.record('auth.login_failed', { id: null, email: null, ip: from.ip }, { target: email });
        throw authErrors.badCredentials();
      }
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(clock.now().getTime() + ttlMs);
      await repository.insertSession({ tokenHash: hashToken(token), userId: found.id, expiresAt });
      await audit.record('auth.login', { id: found.id, email: found.email, ip: from.ip }, {});
      return { user: toUser(found), token, expiresAt };
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
      return found ? verifyPassword(password, found.passwordHash) : false;
    },

    firstAdmin: () => repository.firstAdmin(),

    async findUserByEmail(email: string) {
      return repository.findByEmail(email.toLowerCase());
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
