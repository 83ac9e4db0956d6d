import { type Answers, REVIEW_VERDICTS } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { annotations } from '../annotations/annotations.schema.ts';
import { users } from '../auth/auth.schema.ts';
import { items } from '../items/items.schema.ts';
import { projects } from '../projects/projects.schema.ts';

/**
 * A reviewer's verdict on an annotation; one per annotation (the unique key makes a second verdict a conflict, not a
 * silent overwrite). A correction keeps the edited answers beside the untouched original annotation.
 */
export const reviews = pgTable(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    annotationId: uuid('annotation_id')
      .notNull()
      .unique()
      .references(() => annotations.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    /** The annotator whose work was reviewed (for their feedback list). */
    annotatorId: uuid('annotator_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id').references(() => users.id, { onDelete: 'set null' }),
    verdict: text('verdict', { enum: REVIEW_VERDICTS }).notNull(),
    comment: text('comment'),
    correctedAnswers: jsonb('corrected_answers').$type<Answers>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reviews_project_idx').on(t.projectId, t.createdAt),
    index('reviews_annotator_idx').on(t.annotatorId, t.projectId),
    // The item browser's per-item "rejected" probe and the item detail's verdicts.
    index('reviews_item_idx').on(t.itemId),
    check('reviews_verdict_check', sql`${t.verdict} in ('accepted', 'rejected', 'corrected')`),
  ],
);
