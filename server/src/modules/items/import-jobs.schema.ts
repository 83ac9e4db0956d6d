import { IMPORT_FORMATS, IMPORT_JOB_STATUSES, type ImportFormat, type ImportProblem } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';
import { projects } from '../projects/projects.schema.ts';

/**
 * An import of a JSONL file: the file is read as a stream and its valid lines staged (import_staging) while this row
 * counts the progress, so any instance can report it and the list survives a restart. A file with a bad line fails
 * whole, keeping its line report here; an accepted one moves into items in one transaction. A job whose heartbeat
 * (updated_at) stops while running was interrupted and is reported failed.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    format: text('format', { enum: IMPORT_FORMATS }).$type<ImportFormat>().notNull(),
    /** The uploaded file's name as the client gave it (display only). */
    fileName: text('file_name').notNull(),
    status: text('status', { enum: IMPORT_JOB_STATUSES }).notNull().default('running'),
    /** Bytes of the file as sent (compressed when gzip); null when the size was not announced. */
    bytesTotal: bigint('bytes_total', { mode: 'number' }),
    bytesRead: bigint('bytes_read', { mode: 'number' }).notNull().default(0),
    linesRead: integer('lines_read').notNull().default(0),
    /** Items the file created, and lines whose id the project already had (known once the job is done). */
    created: integer('created').notNull().default(0),
    existing: integer('existing').notNull().default(0),
    badLines: integer('bad_lines').notNull().default(0),
    /** The line report of a rejected file (capped; badLines is not). */
    problems: jsonb('problems').$type<ImportProblem[]>().notNull().default([]),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Heartbeat: every progress write sets it. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('import_jobs_project_idx').on(t.projectId, t.createdAt, t.id),
    check('import_jobs_status_check', sql`${t.status} in ('running', 'done', 'failed')`),
  ],
);

/**
 * Valid lines of a running import, written in batches while the file streams in; invisible to everything but the
 * import. Accepting the file moves them into items, outputs and references with one statement per table and deletes
 * them; a rejected or interrupted job's rows are deleted (and cascade with their job). Unlogged on PostgreSQL (custom
 * SQL in the migrations): scratch data a crash may lose, written without WAL.
 */
export const importStaging = pgTable(
  'import_staging',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    /** The line number in the file (1-based, blank lines counted). */
    line: integer('line').notNull(),
    /**
     * The id the line's item gets if it is created: made when the line is staged, so accepting the file writes items,
     * outputs, references and slots with one set-based statement each (no ids to carry back between statements).
     */
    itemId: uuid('item_id').notNull().defaultRandom(),
    externalId: text('external_id').notNull(),
    conversation: jsonb('conversation').notNull(),
    metadata: jsonb('metadata').notNull(),
    /** How many outputs the line has (import_staging_outputs holds them): items short of outputs get no slots. */
    outputCount: integer('output_count').notNull().default(0),
    /** The judgement a converted format carried (null for Feedbench lines). */
    reference: jsonb('reference'),
    /** The id was derived from the content (converted formats): a repeat is skipped, not refused. */
    derivedId: boolean('derived_id').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.line] }),
    index('import_staging_job_external_idx').on(t.jobId, t.externalId),
  ],
);

/**
 * The staged lines' outputs, one row each, in the columns of item_outputs: staging and moving them parses no JSON in
 * the database (a jsonb array per line cost half the import's time at 1M items, issue 12). No index: only whole jobs
 * are read and deleted, and only while they run. Unlogged like import_staging.
 */
export const importStagingOutputs = pgTable('import_staging_outputs', {
  jobId: uuid('job_id')
    .notNull()
    .references(() => importJobs.id, { onDelete: 'cascade' }),
  itemId: uuid('item_id').notNull(),
  outputId: text('output_id').notNull(),
  model: text('model'),
  content: text('content').notNull(),
  position: integer('position').notNull(),
  score: doublePrecision('score'),
});
