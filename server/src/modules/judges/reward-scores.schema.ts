import { JUDGE_JOB_STATUSES } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';
import { items } from '../items/items.schema.ts';
import { projects } from '../projects/projects.schema.ts';

/**
 * A reward-model scoring job: one row per item in reward_score_tasks (every output of the item is scored, then written
 * at once). Resumed like a judging job when its heartbeat (updated_at) goes stale.
 */
export const rewardScoreJobs = pgTable(
  'reward_score_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    connectionId: uuid('connection_id').notNull(),
    /** The connection's name and model when the job was made: the provenance of the scores it writes. */
    connectionName: text('connection_name').notNull(),
    model: text('model').notNull(),
    concurrency: integer('concurrency').notNull(),
    maxAttempts: integer('max_attempts').notNull(),
    status: text('status', { enum: JUDGE_JOB_STATUSES }).notNull().default('running'),
    total: integer('total').notNull(),
    done: integer('done').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('reward_score_jobs_project_idx').on(t.projectId, t.createdAt),
    check('reward_score_jobs_status_check', sql`${t.status} in ('running', 'done', 'cancelled', 'failed')`),
  ],
);

export const rewardScoreTasks = pgTable(
  'reward_score_tasks',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => rewardScoreJobs.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    state: text('state', { enum: ['pending', 'done', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.itemId] }), index('reward_score_tasks_job_state_idx').on(t.jobId, t.state)],
);

/**
 * The reward model's score of an output, with where it came from. The output's score (item_outputs.score, which the
 * item orders read) is written in the same run; this row is its provenance while the two are equal (a score set by
 * hand afterwards replaces the output's score, and this row then no longer describes it).
 */
export const rewardScores = pgTable(
  'reward_scores',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    /** The output's id within its item (item_outputs.output_id). */
    outputId: text('output_id').notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    score: doublePrecision('score').notNull(),
    jobId: uuid('job_id').notNull(),
    connectionId: uuid('connection_id').notNull(),
    connectionName: text('connection_name').notNull(),
    model: text('model').notNull(),
    scoredAt: timestamp('scored_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.outputId] }), index('reward_scores_project_idx').on(t.projectId)],
);
