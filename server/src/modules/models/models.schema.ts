import { GENERATION_JOB_STATUSES, type SamplingParams } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';
import { items } from '../items/items.schema.ts';
import { projects } from '../projects/projects.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

/**
 * An OpenAI-compatible chat endpoint registered by an instance admin (workspace_id null: usable everywhere) or a
 * workspace's owners/admins. The API key is stored encrypted (AES-256-GCM, api-key-cipher.ts) with the row id as
 * associated data, so a ciphertext copied onto another row does not decrypt; general queries never select it.
 */
export const modelConnections = pgTable(
  'model_connections',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    baseUrl: text('base_url').notNull(),
    model: text('model').notNull(),
    apiKeyEncrypted: text('api_key_encrypted'),
    defaultParams: jsonb('default_params').$type<SamplingParams>().notNull().default({}),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('model_connections_workspace_name_unique').on(t.workspaceId, t.name).nullsNotDistinct()],
);

export const GENERATION_SAMPLE_STATUSES = ['pending', 'running', 'done', 'failed', 'skipped', 'cancelled'] as const;

/** A generation job: sample N outputs per item from one or more connections (its samples are the rows below). */
export const generationJobs = pgTable(
  'generation_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    status: text('status', { enum: GENERATION_JOB_STATUSES }).notNull().default('running'),
    connectionIds: jsonb('connection_ids').$type<string[]>().notNull(),
    samplesPerItem: integer('samples_per_item').notNull(),
    /** Choices asked per call (`n`): up to this many pending samples of one item and connection go in one call. */
    choicesPerCall: integer('choices_per_call').notNull().default(1),
    params: jsonb('params').$type<SamplingParams>().notNull().default({}),
    concurrency: integer('concurrency').notNull(),
    maxAttempts: integer('max_attempts').notNull(),
    samplesTotal: integer('samples_total').notNull().default(0),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('generation_jobs_project_idx').on(t.projectId, t.createdAt),
    check('generation_jobs_status_check', sql`${t.status} in ('running', 'done', 'cancelled', 'failed')`),
  ],
);

/**
 * One row per item x connection x sample index, whatever job asked for it: the unique key is what makes a resumed or
 * repeated job never sample twice. A worker claims rows (status running, claim token, claimed_until); its result is
 * stored in the transaction that marks the row done under that token, so a worker whose claim expired (crash, long
 * stall) and was taken over cannot write a second output.
 */
export const generationSamples = pgTable(
  'generation_samples',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    jobId: uuid('job_id')
      .notNull()
      .references(() => generationJobs.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => modelConnections.id, { onDelete: 'cascade' }),
    sampleIndex: integer('sample_index').notNull(),
    status: text('status', { enum: GENERATION_SAMPLE_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Backoff: not claimed again before this (429 Retry-After or exponential delay). */
    notBefore: timestamp('not_before', { withTimezone: true }),
    claimToken: uuid('claim_token'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    error: text('error'),
    /** The item_outputs row written (its output_id), once done. */
    outputId: text('output_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('generation_samples_item_connection_index_unique').on(t.itemId, t.connectionId, t.sampleIndex),
    index('generation_samples_job_status_idx').on(t.jobId, t.status),
    check(
      'generation_samples_status_check',
      sql`${t.status} in ('pending', 'running', 'done', 'failed', 'skipped', 'cancelled')`,
    ),
  ],
);
