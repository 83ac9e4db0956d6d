import { DEFAULT_WORKSPACE_SLUG, type WorkspaceRole } from '@feedbench/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { users, workspaceMembers, workspaces } from '../../db/schema/index.ts';

export type WorkspaceRow = typeof workspaces.$inferSelect;

export function createWorkspacesRepository(db: Executor) {
  return {
    /** Undefined when the slug is taken (unique index), so a race answers 409, not 500. */
    async insert(values: { name: string; slug: string }): Promise<WorkspaceRow | undefined> {
      const [row] = await db.insert(workspaces).values(values).onConflictDoNothing().returning();
      return row;
    },
    async findById(id: string): Promise<WorkspaceRow | undefined> {
      const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id));
      return row;
    },
    async findBySlug(slug: string): Promise<WorkspaceRow | undefined> {
      const [row] = await db.select().from(workspaces).where(eq(workspaces.slug, slug));
      return row;
    },
    findDefault(): Promise<WorkspaceRow | undefined> {
      return this.findBySlug(DEFAULT_WORKSPACE_SLUG);
    },
    listAll(): Promise<WorkspaceRow[]> {
      return db.select().from(workspaces).orderBy(asc(workspaces.name));
    },
    async listForUser(userId: string): Promise<(WorkspaceRow & { myRole: WorkspaceRole })[]> {
      const rows = await db
        .select({ workspace: workspaces, myRole: workspaceMembers.role })
        .from(workspaces)
        .innerJoin(workspaceMembers, eq(workspaceMembers.workspaceId, workspaces.id))
        .where(eq(workspaceMembers.userId, userId))
        .orderBy(asc(workspaces.name));
      return rows.map((r) => ({ ...r.workspace, myRole: r.myRole }));
    },
    async memberRole(workspaceId: string, userId: string): Promise<WorkspaceRole | undefined> {
      const [row] = await db
        .select({ role: workspaceMembers.role })
        .from(workspaceMembers)
        .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
      return row?.role;
    },
    async memberRoleByEmail(workspaceId: string, email: string): Promise<WorkspaceRole | undefined> {
      const [row] = await db
        .select({ role: workspaceMembers.role })
        .from(workspaceMembers)
        .innerJoin(users, eq(users.id, workspaceMembers.userId))
        .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(users.email, email)));
      return row?.role;
    },
    listMembers(workspaceId: string) {
      return db
        .select({ userId: users.id, email: users.email, role: workspaceMembers.role })
        .from(workspaceMembers)
        .innerJoin(users, eq(users.id, workspaceMembers.userId))
        .where(eq(workspaceMembers.workspaceId, workspaceId))
        .orderBy(asc(users.email));
    },
    async upsertMember(workspaceId: string, userId: string, role: WorkspaceRole) {
      await db
        .insert(workspaceMembers)
        .values({ workspaceId, userId, role })
        .onConflictDoUpdate({ target: [workspaceMembers.workspaceId, workspaceMembers.userId], set: { role } });
    },
    /** Joins without changing the role of someone already there. */
    async addMemberIfAbsent(workspaceId: string, userId: string, role: WorkspaceRole) {
      await db.insert(workspaceMembers).values({ workspaceId, userId, role }).onConflictDoNothing();
    },
    async removeMember(workspaceId: string, userId: string): Promise<boolean> {
      const removed = await db
        .delete(workspaceMembers)
        .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
        .returning({ userId: workspaceMembers.userId });
      return removed.length > 0;
    },
  };
}
export type WorkspacesRepository = ReturnType<typeof createWorkspacesRepository>;
