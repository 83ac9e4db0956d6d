import { randomInt } from 'node:crypto';
import type { Answers, Message, OrderingPolicy } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import { type Executor, rawRows } from '../../db/client.ts';

/**
 * The claim statements of the assignment engine. Each is one round trip, outside any transaction, that claims (or
 * finds) the lease AND reads everything the task page needs (item, outputs in display order, the annotator's draft).
 * Two claims racing for one annotator (two tabs) are settled by the unique index of one active lease per annotator
 * and project (leases_one_active_idx): the slower statement fails as a whole, and its retry finds the winner's lease.
 * Raw SQL: drizzle cannot say data-modifying CTEs with FOR UPDATE SKIP LOCKED.
 */

/** A claimed or held lease with the content of its task. */
export interface ClaimedTask {
  leaseId: string;
  itemId: string;
  expiresAt: Date;
  displayOrder: string[];
  externalId: string;
  conversation: Message[];
  /** `blindId`: the id the annotator sees (item_outputs.blind_id). */
  outputs: { id: string; blindId: string; content: string }[];
  draft: { answers: Answers; updatedAt: Date } | null;
}

interface TaskRow {
  lease_id: string | null;
  item_id: string;
  expires_at: Date | string;
  display_order: string[];
  external_id: string;
  conversation: Message[];
  outputs: { id: string; blindId: string; content: string }[] | null;
  draft_answers: Answers | null;
  draft_updated_at: Date | string | null;
}

/** The unique index of one active lease per annotator and project (migrations: one_active_lease). */
export const ONE_ACTIVE_LEASE = 'leases_one_active_idx';

/** A claim refused because the annotator is paused in the project (gold auto-pause or a researcher). */
export interface Paused {
  paused: true;
  reason: string | null;
}

const ORDER_BY: Record<OrderingPolicy, ReturnType<typeof sql>> = {
  // Finishing items that are nearly done first gives complete items early (usable for agreement and export).
  // Each matches one partial index on item_slots exactly (including NULLS LAST), so the claim stops early.
  'closest-to-completion': sql`s.item_fill desc nulls last, s.item_position, s.slot_no`,
  'import-order': sql`s.item_position, s.slot_no`,
  random: sql`s.shuffle_key`,
  // Selection policies: the slot's copy of the item's score from the policy's source, highest first (unscored items
  // last), then as closest-to-completion. One partial index (item_slots_open_selection_idx) serves all three: a
  // project's slots hold the scores of the source its policy names.
  'human-disagreement': sql`s.selection_score desc nulls last, s.item_fill desc nulls last, s.item_position, s.slot_no`,
  'score-margin': sql`s.selection_score desc nulls last, s.item_fill desc nulls last, s.item_position, s.slot_no`,
  'judge-disagreement': sql`s.selection_score desc nulls last, s.item_fill desc nulls last, s.item_position, s.slot_no`,
};

export interface ClaimArgs {
  projectId: string;
  userId: string;
  leaseId: string;
  now: Date;
  expiresAt: Date;
}

export function createClaimsRepository(db: Executor) {
  return {
    /** Whether the annotator is paused in the project (the gold path asks; claimTask checks it itself). */
    async pausedState(args: Pick<ClaimArgs, 'projectId' | 'userId'>): Promise<Paused | undefined> {
      const [row] = await rawRows<{ paused_at: Date | string | null; paused_reason: string | null }>(
        db,
        memberOf(args),
      );
      return row?.paused_at ? { paused: true, reason: row.paused_reason } : undefined;
    },

    /** The live lease the annotator already holds in the project, with its task. */
    async heldTask(args: Pick<ClaimArgs, 'projectId' | 'userId' | 'now'>): Promise<ClaimedTask | undefined> {
      const [row] = await rawRows<TaskRow>(db, sql`with lease as (${held(args)}) ${taskOf(sql`lease`, args.userId)}`);
      return row && toTask(row);
    },

    /**
     * The held lease, or else one free regular slot claimed in the same statement: free means no annotation and no
     * live lease, on an item this annotator has not annotated, skipped or holding. Expiry is checked here, inside the
     * claim (PEERS.md: Label Studio's lazily cleaned locks left tasks stuck). SKIP LOCKED lets concurrent claims
     * pass each other. The annotator's own stale active leases (expired, slot not yet taken over) are retired, the
     * lease whose expired slot was taken over is marked expired, and the new lease is inserted with its display
     * order, all in this statement. A paused annotator gets neither the held lease nor a new one.
     */
    async claimTask(args: ClaimArgs & { ordering: OrderingPolicy }): Promise<ClaimedTask | Paused | undefined> {
      const now = sql`${args.now.toISOString()}::timestamptz`;
      const [row] = await rawRows<TaskRow & { paused_at: Date | string | null; paused_reason: string | null }>(
        db,
        sql`
        with member as (${memberOf(args, true)}),
        held as (${held(args)}),
        candidate as (
          select s.item_id, s.slot_no, s.lease_id as previous_lease_id
          from item_slots s
          where not exists (select 1 from held) and not exists (select 1 from member where paused_at is not null)
            and s.project_id = ${args.projectId} and s.annotation_id is null and not s.gold
            and (s.lease_id is null or s.lease_expires_at <= ${now})
            and not exists (select 1 from annotations a where a.item_id = s.item_id and a.user_id = ${args.userId})
            and not exists (select 1 from skips k where k.item_id = s.item_id and k.user_id = ${args.userId})
            and not exists (
              select 1 from item_slots o where o.item_id = s.item_id and o.lease_user_id = ${args.userId}
                and o.annotation_id is null and o.lease_expires_at > ${now})
          order by ${ORDER_BY[args.ordering]}
          for update of s skip locked
          limit 1
        ),
        claimed as (
          update item_slots s
          set lease_id = ${args.leaseId}, lease_user_id = ${args.userId},
              lease_expires_at = ${args.expiresAt.toISOString()}::timestamptz
          from candidate c
          where s.item_id = c.item_id and s.slot_no = c.slot_no
          returning s.item_id, s.slot_no, c.previous_lease_id
        ),
        retired as (${retireStale(sql`claimed`, args)}),
        expired as (
          update leases set state = 'expired'
          where id = (select previous_lease_id from claimed) and state = 'active'
            and id not in (select id from retired)
        ),
        inserted as (${insertLease(sql`claimed`, args, sql`retired`)}),
        lease as (
          select id, item_id, display_order, expires_at from held
          union all
          select id, item_id, display_order, expires_at from inserted
        ),
        task as (${taskOf(sql`lease`, args.userId)})
        select m.paused_at, m.paused_reason, t.*
        from (select 1) as one left join member m on true left join task t on true`,
        `feedbench_claim_${args.ordering}`,
      );
      if (row?.paused_at) return { paused: true, reason: row.paused_reason };
      return row?.lease_id ? toTask(row) : undefined;
    },

    /**
     * Serves a gold item in one statement: one the annotator has not annotated, skipped or holding, leased through a
     * new gold slot of their own (slot_no = max + 1), so every annotator can answer each gold item once and gold
     * answers never take a regular slot. The item row is locked (SKIP LOCKED: a busy item is passed over), but the
     * max(slot_no) read can still be stale when a concurrent gold claim committed just before: the slot insert then
     * does nothing and this answers 'retry'. Undefined when no gold item is left for the annotator.
     */
    async claimGoldTask(args: ClaimArgs): Promise<ClaimedTask | 'retry' | undefined> {
      const now = sql`${args.now.toISOString()}::timestamptz`;
      const [row] = await rawRows<TaskRow>(
        db,
        sql`
        with candidate as (
          select i.id as item_id, i.position, i.annotation_count
          from gold_answers g join items i on i.id = g.item_id
          where g.project_id = ${args.projectId}
            and not exists (select 1 from annotations a where a.item_id = g.item_id and a.user_id = ${args.userId})
            and not exists (select 1 from skips k where k.item_id = g.item_id and k.user_id = ${args.userId})
            and not exists (
              select 1 from item_slots o where o.item_id = g.item_id and o.lease_user_id = ${args.userId}
                and o.annotation_id is null and o.lease_expires_at > ${now})
          order by random()
          for no key update of i skip locked
          limit 1
        ),
        claimed as (
          insert into item_slots
            (item_id, slot_no, project_id, item_position, item_fill, gold, lease_id, lease_user_id, lease_expires_at)
          select c.item_id, (select coalesce(max(s.slot_no), 0) + 1 from item_slots s where s.item_id = c.item_id),
                 ${args.projectId}, c.position, c.annotation_count, true, ${args.leaseId}, ${args.userId},
                 ${args.expiresAt.toISOString()}::timestamptz
          from candidate c
          on conflict do nothing
          returning item_id, slot_no
        ),
        retired as (${retireStale(sql`claimed`, args)}),
        inserted as (${insertLease(sql`claimed`, args, sql`retired`)}),
        task as (${taskOf(sql`inserted`, args.userId)})
        select c.item_id as candidate_item_id, t.* from candidate c left join task t on true`,
      );
      if (!row) return undefined;
      return row.lease_id === null ? 'retry' : toTask(row);
    },
  };
}
export type ClaimsRepository = ReturnType<typeof createClaimsRepository>;

/**
 * The annotator's live lease in the project (its slot still theirs, unfilled and unexpired). The expiry is the slot's:
 * heartbeats move only that one.
 */
function held(args: Pick<ClaimArgs, 'projectId' | 'userId' | 'now'>) {
  return sql`
    select l.id, l.item_id, l.display_order, s.lease_expires_at as expires_at
    from leases l
    join item_slots s on s.item_id = l.item_id and s.slot_no = l.slot_no and s.lease_id = l.id
    where l.user_id = ${args.userId} and l.project_id = ${args.projectId} and l.state = 'active'
      and s.annotation_id is null and s.lease_expires_at > ${args.now.toISOString()}::timestamptz
    limit 1`;
}

/**
 * The annotator's membership row: whether they are paused. `lock` queues one annotator's claims behind each other
 * (two tabs): without it, a claim could find every remaining slot locked by the annotator's own concurrent claims
 * (SKIP LOCKED) and answer "nothing left" while one of them is about to give them a task. The lock ends with the
 * statement; the queued claim then loses on the one-active-lease index and its retry returns the winner's lease.
 */
function memberOf(args: Pick<ClaimArgs, 'projectId' | 'userId'>, lock = false) {
  return sql`
    select paused_at, paused_reason from project_members
    where project_id = ${args.projectId} and user_id = ${args.userId}
    ${lock ? sql`for no key update` : sql``}`;
}

/**
 * Marks expired the annotator's other active leases in the project once a slot was claimed (they are stale: no live
 * lease was held, or nothing would be claimed), so the new one fits the one-active-lease index. A stale lease locked
 * by its own late submit or skip is passed over: that statement closes it, and the insert's unique check waits for it.
 */
function retireStale(claimed: ReturnType<typeof sql>, args: Pick<ClaimArgs, 'projectId' | 'userId'>) {
  return sql`
    update leases set state = 'expired'
    where id in (
      select id from leases
      where project_id = ${args.projectId} and user_id = ${args.userId} and state = 'active'
        and exists (select 1 from ${claimed})
      for update skip locked)
    returning id`;
}

/**
 * Inserts the lease for the slot claimed in `claimed`, with the order its outputs will be shown in: a uniformly
 * random permutation drawn from crypto random sort keys (one per output position) made here, not from SQL random().
 * Reading `retired` first makes the stale leases' retirement happen before this insert meets the unique index.
 */
function insertLease(claimed: ReturnType<typeof sql>, args: ClaimArgs, retired: ReturnType<typeof sql>) {
  const keys = Array.from({ length: SORT_KEYS }, () => randomInt(2 ** 47)).join(',');
  return sql`
    insert into leases (id, project_id, item_id, user_id, slot_no, display_order, created_at, expires_at)
    select ${args.leaseId}, ${args.projectId}, c.item_id, ${args.userId}, c.slot_no,
           coalesce((select jsonb_agg(o.output_id order by
                       (string_to_array(${keys}, ',')::bigint[])[o.position + 1], random())
                     from item_outputs o where o.item_id = c.item_id), '[]'::jsonb),
           ${args.now.toISOString()}::timestamptz, ${args.expiresAt.toISOString()}::timestamptz
    from ${claimed} c
    where (select count(*) from ${retired}) >= 0
    returning id, item_id, display_order, expires_at`;
}
/** More than the most outputs an item can have (import allows 9); a position beyond falls back to random(). */
const SORT_KEYS = 16;

/** The task page's content for the lease in `lease`: item, outputs (by id) and the annotator's draft. */
function taskOf(lease: ReturnType<typeof sql>, userId: string) {
  return sql`
    select l.id as lease_id, l.item_id, l.display_order, l.expires_at, i.external_id, i.conversation,
           (select jsonb_agg(jsonb_build_object('id', o.output_id, 'blindId', o.blind_id, 'content', o.content))
            from item_outputs o where o.item_id = l.item_id) as outputs,
           d.answers as draft_answers, d.updated_at as draft_updated_at
    from ${lease} l
    join items i on i.id = l.item_id
    left join drafts d on d.item_id = l.item_id and d.user_id = ${userId}`;
}

function toTask(row: TaskRow): ClaimedTask {
  return {
    leaseId: row.lease_id as string,
    itemId: row.item_id,
    expiresAt: new Date(row.expires_at),
    displayOrder: row.display_order,
    externalId: row.external_id,
    conversation: row.conversation,
    outputs: row.outputs ?? [],
    draft:
      row.draft_answers && row.draft_updated_at
        ? { answers: row.draft_answers, updatedAt: new Date(row.draft_updated_at) }
        : null,
  };
}
