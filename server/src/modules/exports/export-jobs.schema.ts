import { EXPORT_FILE_FORMATS, EXPORT_JOB_STATUSES, type ExportOptions } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';
import { projects } from '../projects/projects.schema.ts';

/**
 * A background export: the export streams to a file under the exports directory while this row counts its
 * progress, so any instance can report it and the list survives a restart. A job whose heartbeat (updated_at)
 * stops while running was interrupted (its process ended) and is reported failed.
 */
export const exportJobs = pgTable(
  'export_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    options: jsonb('options').$type<ExportOptions>().notNull(),
    fileFormat: text('file_format', { enum: EXPORT_FILE_FORMATS }).notNull(),
    /** The download's name (the file on disk is named by the job id). */
    fileName: text('file_name').notNull(),
    status: text('status', { enum: EXPORT_JOB_STATUSES }).notNull().default('running'),
    itemsTotal: integer('items_total').notNull().default(0),
    itemsDone: integer('items_done').notNull().default(0),
    rowsDone: integer('rows_done').notNull().default(0),
    bytes: bigint('bytes', { mode: 'number' }).notNull().default(0),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Heartbeat: every progress write sets it. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('export_jobs_project_idx').on(t.projectId, t.createdAt, t.id),
    check('export_jobs_status_check', sql`${t.status} in ('running', 'done', 'failed')`),
  ],
);
