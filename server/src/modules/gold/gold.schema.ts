import type { Answers } from '@feedbench/shared';
import { index, jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';
import { items } from '../items/items.schema.ts';
import { projects } from '../projects/projects.schema.ts';

/**
 * The reference answers of a gold (control) item. An item is gold while it has a row here; annotators are scored
 * against these answers and never see them (nor any sign that the item is gold).
 */
export const goldAnswers = pgTable(
  'gold_answers',
  {
    itemId: uuid('item_id')
      .primaryKey()
      .references(() => items.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    answers: jsonb('answers').$type<Answers>().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // The gold list's keyset order (newest marked first): each page is one range of this index.
  (t) => [index('gold_answers_project_idx').on(t.projectId, t.createdAt, t.itemId)],
);
