import {
  type Answers,
  JUDGE_JOB_STATUSES,
  type JudgeParams,
  SUGGESTION_ARMS,
  SUGGESTION_MODES,
} from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';
import { items } from '../items/items.schema.ts';
import { projects } from '../projects/projects.schema.ts';

/**
 * A model judge of a project: a model connection (modules/models) that answers the project's template. The
 * connection is checked usable by the project when the judge is made and again on every call.
 */
export const judges = pgTable(
  'judges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    connectionId: uuid('connection_id').notNull(),
    params: jsonb('params').$type<JudgeParams>().notNull(),
    instructions: text('instructions').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('judges_project_name_unique').on(t.projectId, t.name)],
);

/**
 * A judging job: one row per item x judge in judge_tasks. Any instance may resume a running job whose heartbeat
 * (updated_at) went stale (its process ended): pending tasks are run, done ones never again.
 */
export const judgeJobs = pgTable(
  'judge_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    judgeIds: jsonb('judge_ids').$type<string[]>().notNull(),
    concurrency: integer('concurrency').notNull(),
    maxAttempts: integer('max_attempts').notNull(),
    status: text('status', { enum: JUDGE_JOB_STATUSES }).notNull().default('running'),
    total: integer('total').notNull(),
    done: integer('done').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Heartbeat of the instance running the job. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('judge_jobs_project_idx').on(t.projectId, t.createdAt),
    check('judge_jobs_status_check', sql`${t.status} in ('running', 'done', 'cancelled', 'failed')`),
  ],
);

export const JUDGE_TASK_STATES = ['pending', 'done', 'failed'] as const;

export const judgeTasks = pgTable(
  'judge_tasks',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => judgeJobs.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    judgeId: uuid('judge_id')
      .notNull()
      .references(() => judges.id, { onDelete: 'cascade' }),
    state: text('state', { enum: JUDGE_TASK_STATES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** The last attempt's reason, when it failed. */
    error: text('error'),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.itemId, t.judgeId] }),
    index('judge_tasks_job_state_idx').on(t.jobId, t.state),
  ],
);

/**
 * A judge's valid answer to an item, in real output ids, apart from the annotations table: it never fills a slot,
 * never counts toward the overlap, and is never read as a human's answer. `displayOrder` is the order the outputs
 * were shown (as A, B, ...), random per call, so the judge's position bias can be measured.
 */
export const judgeAnswers = pgTable(
  'judge_answers',
  {
    judgeId: uuid('judge_id')
      .notNull()
      .references(() => judges.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    answers: jsonb('answers').$type<Answers>().notNull(),
    displayOrder: jsonb('display_order').$type<string[]>().notNull(),
    model: text('model').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    promptTokens: integer('prompt_tokens'),
    completionTokens: integer('completion_tokens'),
    templateVersion: integer('template_version').notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.judgeId, t.itemId] }), index('judge_answers_project_idx').on(t.projectId)],
);

/** The project's suggestion setting (no row: off). */
export const judgeSuggestionSettings = pgTable('judge_suggestion_settings', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  mode: text('mode', { enum: SUGGESTION_MODES }).notNull(),
  judgeId: uuid('judge_id').references(() => judges.id, { onDelete: 'set null' }),
  seed: integer('seed').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * Whether an assignment (item x annotator) was shown the judge's suggestion, recorded the first time its task is
 * served with a judge answer available; the annotation of that assignment is the row with the same (item, user).
 * Under `experiment` the arm is a seeded hash of the assignment (suggestion-arm.ts), so it is the same on every
 * serve and on every instance.
 */
export const suggestionExposures = pgTable(
  'suggestion_exposures',
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
    judgeId: uuid('judge_id')
      .notNull()
      .references(() => judges.id, { onDelete: 'cascade' }),
    mode: text('mode', { enum: SUGGESTION_MODES }).notNull(),
    arm: text('arm', { enum: SUGGESTION_ARMS }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.userId] }),
    index('suggestion_exposures_project_idx').on(t.projectId, t.mode),
  ],
);
