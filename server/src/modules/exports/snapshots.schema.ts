import type { DatasetStatistics, ExportOptions, SnapshotFile } from '@feedbench/shared';
import { customType, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';
import { projects } from '../projects/projects.schema.ts';

/** PostgreSQL bytea as a Node Buffer (drizzle has no built-in bytea column). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const SNAPSHOT_STATES = ['building', 'ready'] as const;

/**
 * A named, immutable dataset version: the export's files as they were when it was taken, their SHA-256, the exact
 * options and a generated dataset card. Written once (state building -> ready), never updated afterwards.
 */
export const datasetSnapshots = pgTable(
  'dataset_snapshots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    license: text('license').notNull(),
    /** Export options with `to` pinned to the moment the snapshot was taken. */
    options: jsonb('options').$type<ExportOptions>().notNull(),
    state: text('state', { enum: SNAPSHOT_STATES }).notNull().default('building'),
    /** SHA-256 over the files' names and SHA-256s (see snapshots.service.ts). */
    contentHash: text('content_hash'),
    files: jsonb('files').$type<SnapshotFile[]>().notNull().default([]),
    statistics: jsonb('statistics').$type<DatasetStatistics>(),
    /** README.md in the Hugging Face dataset card style. */
    card: text('card'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('dataset_snapshots_project_name_unique').on(t.projectId, t.name)],
);

/** A snapshot file's text in order, each chunk one gzip member: concatenated, they are the file's .gz (RFC 1952). */
export const datasetSnapshotChunks = pgTable(
  'dataset_snapshot_chunks',
  {
    snapshotId: uuid('snapshot_id')
      .notNull()
      .references(() => datasetSnapshots.id, { onDelete: 'cascade' }),
    file: text('file').notNull(),
    seq: integer('seq').notNull(),
    gzip: bytea('gzip').notNull(),
  },
  (t) => [primaryKey({ columns: [t.snapshotId, t.file, t.seq] })],
);
