import type { Answers } from '@feedbench/shared';
import { index, integer, jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';
import { items } from '../items/items.schema.ts';
import { projects } from '../projects/projects.schema.ts';

/**
 * The adjudicated answer of an item whose annotators disagreed: one per item (the primary key), stored apart from the
 * annotations it settles so they stay untouched. Re-adjudicating replaces the row and bumps `revision`; the audit log
 * keeps who changed it when. Outputs are named by their output ids (never an annotator's display letters).
 */
export const adjudications = pgTable(
  'adjudications',
  {
    itemId: uuid('item_id')
      .primaryKey()
      .references(() => items.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    answers: jsonb('answers').$type<Answers>().notNull(),
    /** The template version the answers were checked against. */
    templateVersion: integer('template_version').notNull(),
    adjudicatorId: uuid('adjudicator_id').references(() => users.id, { onDelete: 'set null' }),
    adjudicatedAt: timestamp('adjudicated_at', { withTimezone: true }).notNull(),
    revision: integer('revision').notNull().default(1),
  },
  (t) => [index('adjudications_project_idx').on(t.projectId)],
);
