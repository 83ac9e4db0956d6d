import type { WorkspaceRole } from '@feedbench/shared';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { users, workspaceInvitations, workspaces } from '../../db/schema/index.ts';

const publicColumns = {
  id: workspaceInvitations.id,
  workspaceId: workspaceInvitations.workspaceId,
  email: workspaceInvitations.email,
  role: workspaceInvitations.role,
  createdAt: workspaceInvitations.createdAt,
  expiresAt: workspaceInvitations.expiresAt,
};
export type InvitationRow = {
  id: string;
  workspaceId: string;
  email: string;
  role: WorkspaceRole;
  createdAt: Date;
  expiresAt: Date;
};

export function createInvitationsRepository(db: Executor) {
  const t = workspaceInvitations;
  return {
    /** One open invitation per (workspace, email): inviting again renews it with the new role. */
    async upsert(values: {
      workspaceId: string;
      email: string;
      role: WorkspaceRole;
      invitedBy: string;
      createdAt: Date;
      expiresAt: Date;
    }): Promise<InvitationRow> {
      const [row] = await db
        .insert(t)
        .values(values)
        .onConflictDoUpdate({
          target: [t.workspaceId, t.email],
          set: {
            role: values.role,
            invitedBy: values.invitedBy,
            createdAt: values.createdAt,
            expiresAt: values.expiresAt,
          },
        })
        .returning(publicColumns);
      if (!row) throw new Error('invitation upsert returned no row');
      return row;
    },
    listOpen(workspaceId: string, now: Date): Promise<InvitationRow[]> {
      return db
        .select(publicColumns)
        .from(t)
        .where(and(eq(t.workspaceId, workspaceId), gt(t.expiresAt, now)))
        .orderBy(asc(t.email));
    },
    async remove(workspaceId: string, invitationId: string): Promise<InvitationRow | undefined> {
      const [row] = await db
        .delete(t)
        .where(and(eq(t.workspaceId, workspaceId), eq(t.id, invitationId)))
        .returning(publicColumns);
      return row;
    },
    /** The open invitations addressed to `email`, with the workspace's name and the inviter's email. */
    listForEmail(email: string, now: Date) {
      return db
        .select({
          id: t.id,
          workspaceId: t.workspaceId,
          workspaceName: workspaces.name,
          role: t.role,
          invitedBy: users.email,
          expiresAt: t.expiresAt,
        })
        .from(t)
        .innerJoin(workspaces, eq(workspaces.id, t.workspaceId))
        .leftJoin(users, eq(users.id, t.invitedBy))
        .where(and(eq(t.email, email), gt(t.expiresAt, now)))
        .orderBy(asc(workspaces.name));
    },
    /** Takes an open invitation addressed to `email` (accepting or declining it); undefined when there is none. */
    async take(invitationId: string, email: string, now: Date): Promise<InvitationRow | undefined> {
      const [row] = await db
        .delete(t)
        .where(and(eq(t.id, invitationId), eq(t.email, email), gt(t.expiresAt, now)))
        .returning(publicColumns);
      return row;
    },
  };
}
