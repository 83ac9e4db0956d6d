import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';

/**
 * Security-relevant actions (sign-ins, role changes, exports, tokens, deletions), append-only. Actor email and
 * project id are copied, not only referenced, so the trail outlives deleted accounts and projects.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorEmail: text('actor_email'),
    /** A name from AUDIT_ACTIONS in shared/. */
    action: text('action').notNull(),
    projectId: uuid('project_id'),
    /** What was acted on: a user's email, a token id, a format; free text. */
    target: text('target'),
    ip: text('ip'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_events_at_idx').on(t.at), index('audit_events_action_idx').on(t.action, t.at)],
);
