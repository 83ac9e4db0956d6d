import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { auditEvents } from '../../db/schema/index.ts';

export type AuditRow = typeof auditEvents.$inferSelect;
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
      return db
        .select()
        .from(auditEvents)
        .where(and(...conditions))
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(filter.limit);
    },
  };
}
