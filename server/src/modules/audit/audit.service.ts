import type { AuditAction, AuditEvent, AuditListResponse, AuditQuery } from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { type AuditRow, createAuditRepository } from './audit.repository.ts';

export interface AuditEntry {
  action: AuditAction;
  actorId: string | null;
  actorEmail: string | null;
  ip: string | null;
  projectId?: string | null;
  target?: string | null;
  details?: Record<string, unknown> | null;
}

function toEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorEmail: row.actorEmail,
    action: row.action,
    projectId: row.projectId,
    target: row.target,
    ip: row.ip,
    details: row.details ?? null,
    projectName: row.projectName,
    workspaceName: row.workspaceName,
  };
}

function parseCursor(cursor: string) {
  const [at = '', id = ''] = cursor.split('_');
  return { at: new Date(at), id };
}

/** The append-only trail of security-relevant actions; only admins read it (the route checks). */
export function createAuditService({ db, clock }: { db: Database; clock: Clock }) {
  const repository = createAuditRepository(db);
  return {
    async record(entry: AuditEntry) {
      await repository.insert({
        at: clock.now(),
        action: entry.action,
        actorId: entry.actorId,
        actorEmail: entry.actorEmail,
        ip: entry.ip,
        projectId: entry.projectId ?? null,
        target: entry.target ?? null,
        details: entry.details ?? null,
      });
    },

    async list(query: AuditQuery): Promise<AuditListResponse> {
      const rows = await repository.list({
        action: query.action,
        projectId: query.projectId,
        before: query.before ? parseCursor(query.before) : undefined,
        limit: query.limit,
      });
      const last = rows.at(-1);
      return {
        events: rows.map(toEvent),
        nextBefore: rows.length === query.limit && last ? `${last.at.toISOString()}_${last.id}` : null,
      };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
