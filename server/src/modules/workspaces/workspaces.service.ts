import {
  type AddWorkspaceMemberBody,
  addWorkspaceMemberBody,
  type CreateWorkspaceBody,
  type Workspace,
  type WorkspaceMember,
  type WorkspaceRole,
} from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import type { AuditRecorder } from '../audit/audit.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import { workspaceErrors } from './workspaces.errors.ts';
import { createWorkspacesRepository, type WorkspaceRow } from './workspaces.repository.ts';

interface Deps {
  db: Database;
  findUserByEmail(email: string): Promise<{ id: string; email: string } | undefined>;
  audit: AuditRecorder;
  /** Frees the tasks a removed member held in the workspace's projects, so their items go back to the pool now. */
  releaseLeasesIn(userId: string, workspaceId: string): Promise<number>;
}

function toWorkspace(row: WorkspaceRow, myRole: WorkspaceRole | null): Workspace {
  return { id: row.id, name: row.name, slug: row.slug, createdAt: row.createdAt.toISOString(), myRole };
}

/**
 * Workspaces: the boundary around projects and people. Members see only their workspaces; the instance admin sees
 * and manages all of them; an API token reaches only the workspace it was made for. Outsiders get 404 everywhere.
 */
export function createWorkspacesService({ db, findUserByEmail, audit, releaseLeasesIn }: Deps) {
  const repository = createWorkspacesRepository(db);

  /** The workspace and the caller's role in it (null: instance admin from outside); 404 for anyone else. */
  async function reach(user: SessionUser, workspaceId: string) {
    if (user.tokenScope && user.tokenScope.workspaceId !== workspaceId) throw workspaceErrors.notFound();
    const row = await repository.findById(workspaceId);
    if (!row) throw workspaceErrors.notFound();
    const role = (await repository.memberRole(workspaceId, user.id)) ?? null;
    if (!role && user.role !== 'admin') throw workspaceErrors.notFound();
    return { row, role };
  }

  async function manage(user: SessionUser, workspaceId: string) {
    const reached = await reach(user, workspaceId);
    if (user.role !== 'admin' && reached.role !== 'owner' && reached.role !== 'admin') {
      throw workspaceErrors.managersOnly();
    }
    return reached;
  }

  /** Refuses to leave a workspace without an owner (nobody but instance admins could manage it then). */
  async function keepAnOwner(workspaceId: string, userId: string) {
    const owners = (await repository.listMembers(workspaceId)).filter((m) => m.role === 'owner');
    if (owners.length === 1 && owners[0]?.userId === userId) throw workspaceErrors.lastOwner();
  }

  return {
    reach,
    manage,

    async list(user: SessionUser): Promise<Workspace[]> {
      const mine = await repository.listForUser(user.id);
      const scope = user.tokenScope?.workspaceId;
      if (scope) return mine.filter((w) => w.id === scope).map((w) => toWorkspace(w, w.myRole));
      if (user.role !== 'admin') return mine.map((w) => toWorkspace(w, w.myRole));
      const roles = new Map(mine.map((w) => [w.id, w.myRole]));
      return (await repository.listAll()).map((w) => toWorkspace(w, roles.get(w.id) ?? null));
    },

    /** Instance admins create workspaces (with a session: a token is bound to one workspace) and own them. */
    async create(user: SessionUser, body: CreateWorkspaceBody): Promise<Workspace> {
      if (user.role !== 'admin' || user.tokenScope) throw workspaceErrors.adminsOnly();
      const row = await db.transaction(async (tx) => {
        const txRepo = createWorkspacesRepository(tx);
        const inserted = await txRepo.insert({ name: body.name, slug: body.slug });
        if (!inserted) throw workspaceErrors.slugTaken(body.slug);
        await txRepo.upsertMember(inserted.id, user.id, 'owner');
        return inserted;
      });
      await audit.record('workspace.create', user, {
        target: row.slug,
        details: { workspaceId: row.id, name: row.name },
      });
      return toWorkspace(row, 'owner');
    },

    async listMembers(user: SessionUser, workspaceId: string): Promise<WorkspaceMember[]> {
      await reach(user, workspaceId);
      return repository.listMembers(workspaceId);
    },

    /**
     * Instance admins add an existing account (or change its role); the workspace's own managers only change the role
     * of someone already a member, and invite everyone else (invitations.service.ts): to them an account outside the
     * workspace gets the same answer as an email without one. The previous role is returned for the audit log.
     */
    async addMember(user: SessionUser, workspaceId: string, input: AddWorkspaceMemberBody) {
      const body = addWorkspaceMemberBody.parse(input);
      const { role: myRole } = await manage(user, workspaceId);
      // Owners make owners; a workspace admin cannot promote anyone (or themself) above their own role.
      if (body.role === 'owner' && user.role !== 'admin' && myRole !== 'owner') throw workspaceErrors.managersOnly();
      // One query whether or not an account has the email: membership here is all it tells.
      const previousRole = (await repository.memberRoleByEmail(workspaceId, body.email)) ?? null;
      if (user.role !== 'admin' && previousRole === null) throw workspaceErrors.inviteRequired();
      const account = await findUserByEmail(body.email);
      if (!account) throw workspaceErrors.unknownUser(body.email);
      if (previousRole === 'owner' && body.role !== 'owner') {
        if (user.role !== 'admin' && myRole !== 'owner') throw workspaceErrors.managersOnly();
        await keepAnOwner(workspaceId, account.id);
      }
      await repository.upsertMember(workspaceId, account.id, body.role);
      await audit.record('workspace.member_add', user, {
        target: account.email,
        details: { workspaceId, role: body.role, previousRole },
      });
      return { members: await repository.listMembers(workspaceId), previousRole, email: account.email };
    },

    /** Removes a member: they lose every project of the workspace at once (access checks join the membership). */
    async removeMember(user: SessionUser, workspaceId: string, userId: string) {
      const { role: myRole } = await manage(user, workspaceId);
      const members = await repository.listMembers(workspaceId);
      const member = members.find((m) => m.userId === userId);
      if (!member) throw workspaceErrors.noMember();
      if (member.role === 'owner') {
        if (user.role !== 'admin' && myRole !== 'owner') throw workspaceErrors.managersOnly();
        await keepAnOwner(workspaceId, userId);
      }
      await repository.removeMember(workspaceId, userId);
      await releaseLeasesIn(userId, workspaceId);
      await audit.record('workspace.member_remove', user, {
        target: member.email,
        details: { workspaceId, previousRole: member.role },
      });
      return { members: members.filter((m) => m.userId !== userId), removed: member };
    },

    /**
     * Where a new project or API token goes: the named workspace if the caller may reach it; else the token's own;
     * else the default workspace when the caller belongs to it (or is an instance admin); else their only one.
     */
    async resolveTarget(user: SessionUser, workspaceId?: string): Promise<WorkspaceRow> {
      if (workspaceId) return (await reach(user, workspaceId)).row;
      if (user.tokenScope) return (await reach(user, user.tokenScope.workspaceId)).row;
      const fallback = await repository.findDefault();
      if (fallback && (user.role === 'admin' || (await repository.memberRole(fallback.id, user.id)))) return fallback;
      const mine = await repository.listForUser(user.id);
      if (mine.length === 1 && mine[0]) return mine[0];
      throw workspaceErrors.required();
    },

    /** The workspace given by id or slug (CLI `--workspace`), for a caller who may reach it. */
    async resolveHandle(user: SessionUser, handle: string): Promise<WorkspaceRow> {
      const bySlug = await repository.findBySlug(handle);
      if (bySlug) return (await reach(user, bySlug.id)).row;
      if (/^[0-9a-f-]{36}$/i.test(handle)) return (await reach(user, handle)).row;
      throw workspaceErrors.notFound();
    },

    async isMember(workspaceId: string, userId: string): Promise<boolean> {
      return (await repository.memberRole(workspaceId, userId)) !== undefined;
    },

    /** The workspace a new account joins: the one named (which must exist) or the default one. */
    async forNewAccount(workspaceId?: string): Promise<string> {
      const row = workspaceId ? await repository.findById(workspaceId) : await repository.findDefault();
      if (!row) throw workspaceErrors.unknownWorkspace(workspaceId ?? 'default');
      return row.id;
    },

    async join(workspaceId: string, userId: string, role: WorkspaceRole) {
      await repository.addMemberIfAbsent(workspaceId, userId, role);
    },
  };
}
export type WorkspacesService = ReturnType<typeof createWorkspacesService>;
