import type { Message, OutputProvenance } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { projects } from '../projects/projects.schema.ts';

export const items = pgTable(
  'items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** The id the researcher's file gave the item; re-importing it is a no-op. */
    externalId: text('external_id').notNull(),
    conversation: jsonb('conversation').$type<Message[]>().notNull(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    /** Import order, for the import-order policy and stable listings. */
    position: bigserial('position', { mode: 'number' }).notNull(),
    /** Maintained in the submit transaction: dashboards and "closest to completion" read it without counting. */
    annotationCount: integer('annotation_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('items_project_external_unique').on(t.projectId, t.externalId),
    index('items_project_position_idx').on(t.projectId, t.position),
    // Item browser filter by status: keyset pages in position order among the items with a given count.
    index('items_project_count_position_idx').on(t.projectId, t.annotationCount, t.position),
  ],
);

/**
 * How many items of a project hold exactly `annotationCount` annotations, in a few shards per count so concurrent
 * submits rarely wait on one row. Maintained by statement triggers on items (custom SQL of the item_counters
 * migration), so every writer keeps it (import, submit, delete) and the dashboard reads a handful of rows instead of
 * counting a million (issue 12). Items, annotations and complete items for any overlap target follow from it.
 */
export const itemCounters = pgTable(
  'item_counters',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    annotationCount: integer('annotation_count').notNull(),
    /** 0-7: written by submits (picked at random); 8-15: by imports and deletes (see the migration's triggers). */
    shard: integer('shard').notNull(),
    items: bigint('items', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.annotationCount, t.shard] })],
);

export const itemOutputs = pgTable(
  'item_outputs',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    /** The output id from the import file, unique within its item. */
    outputId: text('output_id').notNull(),
    model: text('model'),
    content: text('content').notNull(),
    position: integer('position').notNull(),
    /**
     * A reward model's score of the output (imported with it, set through PUT /output-scores or by a scoring job);
     * null: none. The score-margin ordering policy puts items whose outputs' scores are close first.
     */
    score: doublePrecision('score'),
    /**
     * The id annotators see instead of `outputId` (which the researcher or the source dataset chose: "chosen",
     * "gpt-4"...): random, made by the database for every output, mapped at the boundary of every annotator-facing
     * payload and input so answers and exports keep the real ids.
     */
    blindId: text('blind_id').notNull().default(sql`gen_random_uuid()::text`),
    /** Set on outputs sampled by a generation job (models module): connection, model, parameters, usage. */
    provenance: jsonb('provenance').$type<OutputProvenance>(),
  },
  (t) => [unique('item_outputs_item_output_unique').on(t.itemId, t.outputId)],
);
