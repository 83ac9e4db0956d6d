import { SELECTION_SOURCES, SKIP_REASONS } from '@feedbench/shared';
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
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';
import { items } from '../items/items.schema.ts';
import { projects } from '../projects/projects.schema.ts';

/**
 * One row per (item, slot number 1..overlapTarget). A claim takes a free slot row with FOR UPDATE SKIP LOCKED and a
 * submit fills it; an annotation references its slot under a unique key, so the database itself makes
 * over-collection impossible (PEERS.md: enforce overlap with constraints, not counts).
 */
export const itemSlots = pgTable(
  'item_slots',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    slotNo: integer('slot_no').notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /**
     * Ordering keys copied from the item, so a claim walks one partial index in policy order and stops at the first
     * free slot instead of sorting every open slot (the join-and-sort version managed ~80 claims/s at 200 annotators).
     * itemFill: the item's submitted annotations, kept by the submit; itemPosition: import order; shuffleKey: random.
     */
    itemFill: integer('item_fill').notNull().default(0),
    itemPosition: bigint('item_position', { mode: 'number' }).notNull(),
    shuffleKey: integer('shuffle_key').notNull().default(sql`floor(random() * 2147483647)::int`),
    /**
     * The item's selection score from the source the project's ordering policy names (item_selection_scores; higher
     * = humans teach more there), copied here so the selection policies walk an index as the others do. Null: no
     * score (those items come last). Kept by the selection repository when scores or the policy change.
     */
    selectionScore: doublePrecision('selection_score'),
    leaseId: uuid('lease_id'),
    leaseUserId: uuid('lease_user_id'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    annotationId: uuid('annotation_id'),
    /**
     * Slots of gold items: never taken by the regular claim (the partial indexes leave them out); the gold claim adds
     * one slot per annotator who is served the item, so gold answers never count against the overlap target.
     */
    gold: boolean('gold').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.slotNo] }),
    check('item_slots_slot_no_check', sql`${t.slotNo} >= 1`),
    index('item_slots_open_fill_idx')
      .on(t.projectId, t.itemFill.desc(), t.itemPosition, t.slotNo)
      .where(sql`${t.annotationId} is null and not ${t.gold}`),
    index('item_slots_open_position_idx')
      .on(t.projectId, t.itemPosition, t.slotNo)
      .where(sql`${t.annotationId} is null and not ${t.gold}`),
    index('item_slots_open_selection_idx')
      .on(t.projectId, t.selectionScore.desc().nullsLast(), t.itemFill.desc(), t.itemPosition, t.slotNo)
      .where(sql`${t.annotationId} is null and not ${t.gold}`),
    index('item_slots_open_shuffle_idx')
      .on(t.projectId, t.shuffleKey)
      .where(sql`${t.annotationId} is null and not ${t.gold}`),
    // The claim's "annotator already holds a live lease on this item" check reads the annotator's leased slots here;
    // without it the planner scanned every item_slots row of the database (issue 12).
    index('item_slots_lease_user_idx')
      .on(t.leaseUserId)
      .where(sql`${t.annotationId} is null and ${t.leaseUserId} is not null`),
    // Live leases of a project (dashboard counter): a range over the unexpired ones, not a count over all slots.
    index('item_slots_live_lease_idx')
      .on(t.projectId, t.leaseExpiresAt)
      .where(sql`${t.annotationId} is null and ${t.leaseExpiresAt} is not null`),
  ],
);

/**
 * `prepared`: the task after the held one, reserved beside it so the page can show it the moment the annotator
 * submits (assignment.claims.ts claimPrepared); the next claim promotes it to `active`.
 */
export const LEASE_STATES = ['active', 'prepared', 'submitted', 'skipped', 'expired'] as const;

/** Every claim an annotator made: the history of who held which item, and the display order they were shown. */
export const leases = pgTable(
  'leases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    slotNo: integer('slot_no').notNull(),
    /** Output ids in the order shown to this annotator. */
    displayOrder: jsonb('display_order').$type<string[]>().notNull(),
    state: text('state', { enum: LEASE_STATES }).notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The expiry given at claim. Heartbeats move item_slots.lease_expires_at only, the expiry claims go by. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('leases_user_project_idx').on(t.userId, t.projectId),
    index('leases_item_idx').on(t.itemId),
    // One active lease per annotator and project: two claims racing for one annotator (two tabs) cannot both
    // insert one, so a claim needs no lock and no transaction; the loser retries and gets the winner's lease.
    uniqueIndex('leases_one_active_idx').on(t.projectId, t.userId).where(sql`${t.state} = 'active'`),
    // And at most one prepared lease beside it: an annotator never holds more than two slots of a project.
    uniqueIndex('leases_one_prepared_idx').on(t.projectId, t.userId).where(sql`${t.state} = 'prepared'`),
  ],
);

export const skips = pgTable(
  'skips',
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
    reason: text('reason', { enum: SKIP_REASONS }).notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.userId] }),
    // The skip list's keyset order (time, item, annotator): each page is one range of this index.
    index('skips_project_idx').on(t.projectId, t.createdAt, t.itemId, t.userId),
    // The claim's "not skipped by this annotator" check reads the annotator's skips, never the whole table.
    index('skips_user_idx').on(t.userId),
  ],
);

/**
 * Per-item selection scores by source (assignment/selection.repository.ts): human disagreement, the reward-model
 * score margin (negated: a small margin scores high) and judge disagreement (written by the judges through
 * `setSelectionScores`). Higher means humans teach more on the item. The policy of the same name orders claims by it.
 */
export const itemSelectionScores = pgTable(
  'item_selection_scores',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    source: text('source', { enum: SELECTION_SOURCES }).notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    score: doublePrecision('score').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.source] }),
    index('item_selection_scores_project_idx').on(t.projectId, t.source, t.score.desc()),
  ],
);
