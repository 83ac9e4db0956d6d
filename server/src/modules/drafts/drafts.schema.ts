import type { Answers } from '@feedbench/shared';
import { jsonb, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';
import { items } from '../items/items.schema.ts';
import { projects } from '../projects/projects.schema.ts';

/**
 * Work in progress, one row per (item, annotator): keyed by item rather than lease, so a draft survives an expired
 * lease, a refused late submit and a new lease on the same item. Drafts never overwrite a submitted annotation.
 */
export const drafts = pgTable(
  'drafts',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    answers: jsonb('answers').$type<Answers>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.userId] })],
);
