import type { Answers } from '@feedbench/shared';
import { foreignKey, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { itemSlots } from '../assignment/assignment.schema.ts';
import { users } from '../auth/auth.schema.ts';
import { items } from '../items/items.schema.ts';
import { projects } from '../projects/projects.schema.ts';

export const annotations = pgTable(
  'annotations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    slotNo: integer('slot_no').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    leaseId: uuid('lease_id').notNull(),
    /** Client-generated per task: a retried submit finds its first result here. */
    idempotencyKey: text('idempotency_key').notNull(),
    answers: jsonb('answers').$type<Answers>().notNull(),
    displayOrder: jsonb('display_order').$type<string[]>().notNull(),
    templateVersion: integer('template_version').notNull(),
    guidelinesVersion: integer('guidelines_version').notNull(),
    timeOnTaskMs: integer('time_on_task_ms'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One annotation per slot: the overlap target cannot be exceeded, whatever the concurrency.
    unique('annotations_item_slot_unique').on(t.itemId, t.slotNo),
    // An annotator never annotates the same item twice.
    unique('annotations_item_user_unique').on(t.itemId, t.userId),
    unique('annotations_user_idempotency_unique').on(t.userId, t.idempotencyKey),
    foreignKey({ columns: [t.itemId, t.slotNo], foreignColumns: [itemSlots.itemId, itemSlots.slotNo] }).onDelete(
      'cascade',
    ),
    index('annotations_project_submitted_idx').on(t.projectId, t.submittedAt),
  ],
);
