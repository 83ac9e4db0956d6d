import {
  INVITATION_TTL_DAYS,
  type InviteWorkspaceMemberBody,
  inviteWorkspaceMemberBody,
  type MyInvitation,
  type Workspace,
  type WorkspaceInvitation,
} from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AuditRecorder } from '../audit/audit.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import { createInvitationsRepository, type InvitationRow } from './invitations.repository.ts';
import { workspaceErrors } from './workspaces.errors.ts';
import { createWorkspacesRepository } from './workspaces.repository.ts';
import type { WorkspacesService } from './workspaces.service.ts';

const toInvitation = (row: InvitationRow): WorkspaceInvitation => ({
  id: row.id,
  workspaceId: row.workspaceId,
  email: row.email,
  role: row.role,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
});

/**
 * Joining a workspace takes the invited person's consent: its managers invite an email, and whoever signs in with
 * that email accepts or declines. Making an invitation looks up no account, so it answers the same for an email with
 * an account (in any workspace) and one without: no probing who exists in other tenants, no pulling people in.
 * Invitations are for people signed in: an API token (bound to one workspace) can neither see nor accept them.
 */
export function createInvitationsService(deps: {
  db: Database;
  clock: Clock;
  workspaces: WorkspacesService;
  audit: AuditRecorder;
}) {
  const { db, clock, workspaces, audit } = deps;
  const repository = createInvitationsRepository(db);

  function sessionOnly(user: SessionUser) {
    if (user.tokenScope) throw workspaceErrors.sessionOnly();
  }

  return {
    async invite(user: SessionUser, workspaceId: string, input: InviteWorkspaceMemberBody) {
      const body = inviteWorkspaceMemberBody.parse(input);
      const { role: myRole } = await workspaces.manage(user, workspaceId);
      // Owners make owners; a workspace admin cannot invite anyone above their own role.
      if (body.role === 'owner' && user.role !== 'admin' && myRole !== 'owner') throw workspaceErrors.managersOnly();
      // The member list already shows the inviter who belongs here; nobody outside is looked up.
      if (await createWorkspacesRepository(db).memberRoleByEmail(workspaceId, body.email)) {
        throw workspaceErrors.alreadyMember(body.email);
      }
      const now = clock.now();
      const row = await repository.upsert({
        workspaceId,
        email: body.email,
        role: body.role,
        invitedBy: user.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * 24 * 3600 * 1000),
      });
      await audit.record('workspace.invite', user, { target: row.email, details: { workspaceId, role: row.role } });
      return toInvitation(row);
    },

    async listOpen(user: SessionUser, workspaceId: string): Promise<WorkspaceInvitation[]> {
      await workspaces.manage(user, workspaceId);
      return (await repository.listOpen(workspaceId, clock.now())).map(toInvitation);
    },

    async revoke(user: SessionUser, workspaceId: string, invitationId: string): Promise<WorkspaceInvitation> {
      await workspaces.manage(user, workspaceId);
      const row = await repository.remove(workspaceId, invitationId);
      if (!row) throw workspaceErrors.invitationNotFound();
      await audit.record('workspace.invitation_revoke', user, { target: row.email, details: { workspaceId } });
      return toInvitation(row);
    },

    async mine(user: SessionUser): Promise<MyInvitation[]> {
      sessionOnly(user);
      const rows = await repository.listForEmail(user.email, clock.now());
      return rows.map((row) => ({ ...row, expiresAt: row.expiresAt.toISOString() }));
    },

    /** Joins the workspace with the invited role (someone already a member keeps their role). */
    async accept(user: SessionUser, invitationId: string): Promise<{ workspace: Workspace; role: string }> {
      sessionOnly(user);
      const accepted = await db.transaction(async (tx) => {
        const row = await createInvitationsRepository(tx).take(invitationId, user.email, clock.now());
        if (!row) throw workspaceErrors.invitationNotFound();
        const txWorkspaces = createWorkspacesRepository(tx);
        await txWorkspaces.addMemberIfAbsent(row.workspaceId, user.id, row.role);
        const joined = await txWorkspaces.findById(row.workspaceId);
        const role = (await txWorkspaces.memberRole(row.workspaceId, user.id)) ?? row.role;
        if (!joined) throw workspaceErrors.invitationNotFound();
        return {
          workspace: {
            id: joined.id,
            name: joined.name,
            slug: joined.slug,
            createdAt: joined.createdAt.toISOString(),
            myRole: role,
          },
          role,
        };
      });
      await audit.record('workspace.invitation_accept', user, {
        target: accepted.workspace.slug,
        details: { workspaceId: accepted.workspace.id, role: accepted.role },
      });
      return accepted;
    },

    async decline(user: SessionUser, invitationId: string): Promise<{ workspaceId: string }> {
      sessionOnly(user);
      const row = await repository.take(invitationId, user.email, clock.now());
      if (!row) throw workspaceErrors.invitationNotFound();
      await audit.record('workspace.invitation_decline', user, { details: { workspaceId: row.workspaceId } });
      return { workspaceId: row.workspaceId };
    },
  };
}
export type InvitationsService = ReturnType<typeof createInvitationsService>;
