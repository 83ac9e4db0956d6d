import type { Answer } from '@feedbench/shared';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { projects } from '../projects/projects.schema.ts';
import { items } from './items.schema.ts';

/**
 * The judgement an imported dataset already carried for an item (HH-RLHF's chosen reply, a TRL pair's chosen side,
 * an OpenAI chat file's assistant reply): kept beside the item, never shown to annotators, so exports can compare our
 * annotators with it. One per item.
 */
export const itemReferences = pgTable(
  'item_references',
  {
    itemId: uuid('item_id')
      .primaryKey()
      .references(() => items.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** The import format the label came from (`hh-rlhf`, `trl-preference`, `openai-chat`). */
    source: text('source').notNull(),
    /** In the shape of an answer: a ranking of the item's outputs (chosen first) or a demonstration. */
    label: jsonb('label').$type<Answer>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('item_references_project_idx').on(t.projectId)],
);
