import { and, desc, eq, getTableColumns, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { auditEvents, projects, workspaces } from '../../db/schema/index.ts';

/** An event with the names of the project and workspace it names by id (null when gone or not named). */
export type AuditRow = typeof auditEvents.$inferSelect & { projectName: string | null; workspaceName: string | null };
export type NewAuditRow = typeof auditEvents.$inferInsert;

export function createAuditRepository(db: Executor) {
  return {
    async insert(values: NewAuditRow) {
      await db.insert(auditEvents).values(values);
    },
    /** Newest first, keyset cursor on (at, id) so ties in time never skip a row; allow-listed filters only. */
    list(filter: {
      action?: string;
      projectId?: string;
      before?: { at: Date; id: string };
      limit: number;
    }): Promise<AuditRow[]> {
      const conditions: SQL[] = [];
      if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
      if (filter.projectId) conditions.push(eq(auditEvents.projectId, filter.projectId));
      const { before } = filter;
      if (before) {
        const older = or(
          lt(auditEvents.at, before.at),
          and(eq(auditEvents.at, before.at), lt(auditEvents.id, before.id)),
        );
        if (older) conditions.push(older);
      }
      return (
        db
          .select({ ...getTableColumns(auditEvents), projectName: projects.name, workspaceName: workspaces.name })
          .from(auditEvents)
          .leftJoin(projects, eq(projects.id, auditEvents.projectId))
          // Workspace events name theirs in details; compared as text, so a malformed id matches nothing.
          .leftJoin(workspaces, sql`${workspaces.id}::text = ${auditEvents.details} ->> 'workspaceId'`)
          .where(and(...conditions))
          .orderBy(desc(auditEvents.at), desc(auditEvents.id))
          .limit(filter.limit)
      );
    },
  };
}
