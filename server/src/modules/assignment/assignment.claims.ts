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
/** The unique index of one prepared lease per annotator and project (two tabs preparing at once: one wins). */
export const ONE_PREPARED_LEASE = 'leases_one_prepared_idx';

/** A claim makes the held lease (`active`) or the one prepared after it (`prepared`, see claimPrepared). */
export type ClaimState = 'active' | 'prepared';

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
     * The held lease, or else the annotator's prepared lease promoted to the held one (see claimPrepared), or else
     * one free regular slot claimed in the same statement: free means no annotation and no live lease, on an item this
     * annotator has not annotated, skipped or holding. Expiry is checked here, inside the claim (PEERS.md: Label
     * Studio's lazily cleaned locks left tasks stuck). SKIP LOCKED lets concurrent claims pass each other. The
     * annotator's own stale active leases (expired, slot not yet taken over) are retired, the lease whose expired slot
     * was taken over is marked expired, and the new lease is inserted with its display order, all in this statement.
     * A paused annotator gets neither the held lease nor a new one. With `fresh: false` no new slot is claimed (the
     * gold path asks for the held or prepared task before it draws a gold item). 'retry': the prepared lease's slot was
     * taken over while this statement ran (it had expired); the next attempt claims afresh.
     */
    async claimTask(
      args: ClaimArgs & { ordering: OrderingPolicy; fresh?: boolean },
    ): Promise<ClaimedTask | Paused | 'retry' | undefined> {
      const now = sql`${args.now.toISOString()}::timestamptz`;
      const fresh = args.fresh ?? true;
      const [row] = await rawRows<
        TaskRow & { paused_at: Date | string | null; paused_reason: string | null; prepared_found: boolean }
      >(
        db,
        sql`
        with member as (${memberOf(args, true)}),
        held as (${held(args)}),
        prepared as (
          ${preparedLease(args)}
            and not exists (select 1 from held) and not exists (select 1 from member where paused_at is not null)
          limit 1
        ),
        candidate as (
          select s.item_id, s.slot_no, s.lease_id as previous_lease_id
          from item_slots s
          where ${fresh ? sql`true` : sql`false`}
            and not exists (select 1 from held) and not exists (select 1 from prepared)
            and not exists (select 1 from member where paused_at is not null)
            and ${freeSlotOf(args)}
          order by ${ORDER_BY[args.ordering]}
          for update of s skip locked
          limit 1
        ),
        claimed as (${takeSlot(args)}),
        kept as (${keepPrepared(args)}),
        retired as (${retireStale(sql`(select item_id from claimed union all select item_id from kept) as c`, args)}),
        expired as (${expireTakenOver(sql`retired`)}),
        promoted as (
          -- Promotion starts the task now: created_at is when the annotator began it (the annotation's startedAt).
          update leases l set state = 'active', created_at = ${now}, expires_at = ${args.expiresAt.toISOString()}::timestamptz
          from kept k
          where l.id = (select id from prepared) and l.state = 'prepared' and (select count(*) from retired) >= 0
          returning l.id, l.item_id, l.display_order, l.expires_at
        ),
        inserted as (${insertLease(sql`claimed`, args, sql`retired`, 'active')}),
        lease as (
          select id, item_id, display_order, expires_at from held
          union all
          select id, item_id, display_order, expires_at from promoted
          union all
          select id, item_id, display_order, expires_at from inserted
        ),
        task as (${taskOf(sql`lease`, args.userId)})
        select m.paused_at, m.paused_reason, exists (select 1 from prepared) as prepared_found, t.*
        from (select 1) as one left join member m on true left join task t on true`,
        `feedbench_claim_${args.ordering}${fresh ? '' : '_held'}`,
      );
      if (row?.paused_at) return { paused: true, reason: row.paused_reason };
      if (row?.lease_id) return toTask(row);
      return row?.prepared_found ? 'retry' : undefined;
    },

    /**
     * The task after the held one, prepared so the page can show it the moment the annotator submits: their live
     * prepared lease, or else one free regular slot claimed like claimTask's into a lease in the `prepared` state. Only
     * beside a held lease (at most two slots per annotator, and never for a paused one); its slot expires with the held
     * one (heartbeats and draft saves move both, see extendLease), so it leaves the pool no longer than the held task
     * does. A stale prepared lease (slot taken over) is retired. Undefined when nothing is held or nothing else is left.
     */
    async claimPrepared(args: ClaimArgs & { ordering: OrderingPolicy }): Promise<ClaimedTask | 'retry' | undefined> {
      const [row] = await rawRows<TaskRow & { prepared_found: boolean }>(
        db,
        sql`
        with member as (${memberOf(args, true)}),
        held as (${held(args)}),
        ready as (
          select 1 from held where not exists (select 1 from member where paused_at is not null)
        ),
        prepared as (${preparedLease(args)} and exists (select 1 from ready) limit 1),
        candidate as (
          select s.item_id, s.slot_no, s.lease_id as previous_lease_id
          from item_slots s
          where exists (select 1 from ready) and not exists (select 1 from prepared) and ${freeSlotOf(args)}
          order by ${ORDER_BY[args.ordering]}
          for update of s skip locked
          limit 1
        ),
        claimed as (${takeSlot(args)}),
        kept as (${keepPrepared(args)}),
        retired as (${retireStale(sql`claimed`, args, 'prepared')}),
        expired as (${expireTakenOver(sql`retired`)}),
        inserted as (${insertLease(sql`claimed`, args, sql`retired`, 'prepared')}),
        lease as (
          select p.id, p.item_id, p.display_order, ${args.expiresAt.toISOString()}::timestamptz as expires_at
          from prepared p where exists (select 1 from kept)
          union all
          select id, item_id, display_order, expires_at from inserted
        ),
        task as (${taskOf(sql`lease`, args.userId)})
        select exists (select 1 from prepared) as prepared_found, t.*
        from (select 1) as one left join task t on true`,
        `feedbench_prepare_${args.ordering}`,
      );
      if (row?.lease_id) return toTask(row);
      return row?.prepared_found ? 'retry' : undefined;
    },

    /**
     * Serves a gold item in one statement: one the annotator has not annotated, skipped or holding, leased through a
     * new gold slot of their own (slot_no = max + 1), so every annotator can answer each gold item once and gold
     * answers never take a regular slot. The item row is locked (SKIP LOCKED: a busy item is passed over), but the
     * max(slot_no) read can still be stale when a concurrent gold claim committed just before: the slot insert then
     * does nothing and this answers 'retry'. Undefined when no gold item is left for the annotator.
     */
    async claimGoldTask(args: ClaimArgs, state: ClaimState = 'active'): Promise<ClaimedTask | 'retry' | undefined> {
      const now = sql`${args.now.toISOString()}::timestamptz`;
      // Prepared (see claimPrepared): only beside a held lease, for an annotator not paused and holding no prepared one.
      const guard =
        state === 'prepared'
          ? sql`and exists (${held(args)}) and not exists (${preparedLease(args)})
                and not exists (select 1 from (${memberOf(args)}) m where m.paused_at is not null)`
          : sql``;
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
            ${guard}
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
        retired as (${retireStale(sql`claimed`, args, state)}),
        inserted as (${insertLease(sql`claimed`, args, sql`retired`, state)}),
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
 * The annotator's prepared lease in the project whose slot is still theirs and unfilled (a `select ... where` that
 * callers extend). Its slot may have expired: nobody took it over, so it is still theirs to promote or keep.
 */
function preparedLease(args: Pick<ClaimArgs, 'projectId' | 'userId'>) {
  return sql`
    select l.id, l.item_id, l.slot_no, l.display_order
    from leases l
    join item_slots s on s.item_id = l.item_id and s.slot_no = l.slot_no and s.lease_id = l.id
    where l.user_id = ${args.userId} and l.project_id = ${args.projectId} and l.state = 'prepared'
      and s.annotation_id is null`;
}

/**
 * A free regular slot for this annotator (the claim's candidate condition): no annotation and no live lease, on an
 * item they have not annotated, skipped or holding (held or prepared).
 */
function freeSlotOf(args: Pick<ClaimArgs, 'projectId' | 'userId' | 'now'>) {
  const now = sql`${args.now.toISOString()}::timestamptz`;
  return sql`s.project_id = ${args.projectId} and s.annotation_id is null and not s.gold
    and (s.lease_id is null or s.lease_expires_at <= ${now})
    and not exists (select 1 from annotations a where a.item_id = s.item_id and a.user_id = ${args.userId})
    and not exists (select 1 from skips k where k.item_id = s.item_id and k.user_id = ${args.userId})
    and not exists (
      select 1 from item_slots o where o.item_id = s.item_id and o.lease_user_id = ${args.userId}
        and o.annotation_id is null and o.lease_expires_at > ${now})`;
}

/** Leases the slot chosen in `candidate` to the new lease (the candidate row is locked by its FOR UPDATE). */
function takeSlot(args: ClaimArgs) {
  return sql`
    update item_slots s
    set lease_id = ${args.leaseId}, lease_user_id = ${args.userId},
        lease_expires_at = ${args.expiresAt.toISOString()}::timestamptz
    from candidate c
    where s.item_id = c.item_id and s.slot_no = c.slot_no
    returning s.item_id, s.slot_no, c.previous_lease_id`;
}

/**
 * Gives the slot of the lease in `prepared` the new expiry, if it is still that lease's (re-checked on the row: a
 * concurrent claim may have taken an expired one over while this statement waited for it).
 */
function keepPrepared(args: ClaimArgs) {
  return sql`
    update item_slots s set lease_expires_at = ${args.expiresAt.toISOString()}::timestamptz
    from prepared p
    where s.item_id = p.item_id and s.slot_no = p.slot_no and s.lease_id = p.id and s.annotation_id is null
    returning s.item_id, s.slot_no`;
}

/** Marks expired the lease whose expired slot `claimed` took over (active or prepared, unless `retired` did). */
function expireTakenOver(retired: ReturnType<typeof sql>) {
  return sql`
    update leases set state = 'expired'
    where id = (select previous_lease_id from claimed) and state in ('active', 'prepared')
      and id not in (select id from ${retired})`;
}

/**
 * Marks expired the annotator's other active leases in the project once a slot was claimed (they are stale: no live
 * lease was held, or nothing would be claimed), so the new one fits the one-active-lease index. A stale lease locked
 * by its own late submit or skip is passed over: that statement closes it, and the insert's unique check waits for it.
 */
function retireStale(
  claimed: ReturnType<typeof sql>,
  args: Pick<ClaimArgs, 'projectId' | 'userId'>,
  state: ClaimState = 'active',
) {
  return sql`
    update leases set state = 'expired'
    where id in (
      select id from leases
      where project_id = ${args.projectId} and user_id = ${args.userId} and state = ${state}
        and exists (select 1 from ${claimed})
      for update skip locked)
    returning id`;
}

/**
 * Inserts the lease for the slot claimed in `claimed`, with the order its outputs will be shown in: a uniformly
 * random permutation drawn from crypto random sort keys (one per output position) made here, not from SQL random().
 * Reading `retired` first makes the stale leases' retirement happen before this insert meets the unique index.
 */
function insertLease(
  claimed: ReturnType<typeof sql>,
  args: ClaimArgs,
  retired: ReturnType<typeof sql>,
  state: ClaimState,
) {
  const keys = Array.from({ length: SORT_KEYS }, () => randomInt(2 ** 47)).join(',');
  return sql`
    insert into leases (id, project_id, item_id, user_id, slot_no, display_order, created_at, expires_at, state)
    select ${args.leaseId}, ${args.projectId}, c.item_id, ${args.userId}, c.slot_no,
           coalesce((select jsonb_agg(o.output_id order by
                       (string_to_array(${keys}, ',')::bigint[])[o.position + 1], random())
                     from item_outputs o where o.item_id = c.item_id), '[]'::jsonb),
           ${args.now.toISOString()}::timestamptz, ${args.expiresAt.toISOString()}::timestamptz, ${state}
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
