import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Executor, rawRows } from '../../db/client.ts';
import { itemSlots, leases, skips } from '../../db/schema/index.ts';
import { selectionScoreOf } from './selection.repository.ts';

export type LeaseRow = typeof leases.$inferSelect;
export interface SlotRef {
  itemId: string;
  slotNo: number;
}

/** All SQL of the assignment engine: slots, leases, skips. */
export function createAssignmentRepository(db: Executor) {
  return {
    /** Slot rows 1..target for the given items (idempotent). */
    async createSlots(itemIds: string[], target: number) {
      if (itemIds.length === 0) return;
      await db.execute(sql`
        insert into item_slots (item_id, slot_no, project_id, item_position, item_fill, selection_score)
        select i.id, g.slot_no, i.project_id, i.position, i.annotation_count, ${selectionScoreOf(sql`i.id`)}
        from items i, generate_series(1, ${target}) as g(slot_no)
        where i.id in (${sql.join(
          itemIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
        on conflict do nothing`);
    },

    /**
     * Slot rows 1..target for the items a query names (a column `id`; idempotent): one statement for an import of any
     * size, where an id list would take a million parameters.
     */
    async createSlotsFor(itemIds: SQL, target: number) {
      await db.execute(sql`
        insert into item_slots (item_id, slot_no, project_id, item_position, item_fill, selection_score)
        select i.id, g.slot_no, i.project_id, i.position, i.annotation_count, ${selectionScoreOf(sql`i.id`)}
        from (${itemIds}) r join items i on i.id = r.id, generate_series(1, ${target}) as g(slot_no)
        on conflict do nothing`);
    },

    /**
     * Brings every regular item of the project to `target` open-or-filled regular slots plus one per rejected
     * annotation (each rejection reopened the item once). Adds the missing slots above the highest slot number;
     * removes only surplus slots that hold no annotation and no live lease. Gold items are left alone.
     */
    async resizeSlots(projectId: string, target: number, now: Date) {
      await db.execute(topUpSlots(sql`i.project_id = ${projectId}`, target, { skipGold: true }));
      await db.execute(sql`
        with surplus as (
          select i.id as item_id,
                 (select count(*) from item_slots s where s.item_id = i.id and not s.gold)
                   - (${target} + ${rejectedRegular(sql`i.id`)}) as excess
          from items i
          where i.project_id = ${projectId} and not exists (select 1 from gold_answers g where g.item_id = i.id)
        ), removable as (
          select s.item_id, s.slot_no, row_number() over (partition by s.item_id order by s.slot_no desc) as rn
          from item_slots s
          where s.project_id = ${projectId} and not s.gold and s.annotation_id is null
            and (s.lease_id is null or s.lease_expires_at <= ${now.toISOString()}::timestamptz)
        )
        delete from item_slots d
        using removable r join surplus x on x.item_id = r.item_id
        where d.item_id = r.item_id and d.slot_no = r.slot_no and r.rn <= x.excess`);
    },

    /**
     * Gold items leave the regular pool: their slots that hold no annotation become gold (a regular lease on one
     * may still submit; its answer then counts as a gold answer, not against the overlap target).
     */
    async markSlotsGold(itemId: string) {
      await db.execute(sql`update item_slots set gold = true where item_id = ${itemId} and annotation_id is null`);
    },

    /**
     * An item stops being gold: its free gold slots go (a gold lease still being worked on keeps its slot and
     * submits as gold), and its regular slots are topped back up to the project's overlap target.
     */
    async unmarkSlotsGold(itemId: string, now: Date) {
      await db.execute(sql`
        delete from item_slots
        where item_id = ${itemId} and gold and annotation_id is null
          and (lease_id is null or lease_expires_at <= ${now.toISOString()}::timestamptz)`);
      // The target lives in the project settings; reading it here keeps the top-up one statement.
      await db.execute(
        topUpSlots(
          sql`i.id = ${itemId}`,
          sql`(select (p.settings ->> 'overlapTarget')::int from projects p where p.id = i.project_id)`,
          { skipGold: false },
        ),
      );
    },

    /**
     * One more regular slot for the item (slot_no = max + 1, ordering keys copied from the item), so it goes back to
     * the pool after a reviewer rejected one of its annotations. The item row lock orders concurrent reopens and
     * submits of the item. Gold items collect an answer from everyone anyway: nothing to reopen.
     */
    async addSlot(itemId: string): Promise<boolean> {
      await db.execute(sql`select 1 from items where id = ${itemId} for no key update`);
      const rows = await rawRows<{ slot_no: number }>(
        db,
        sql`insert into item_slots (item_id, slot_no, project_id, item_position, item_fill, selection_score)
            select i.id, (select coalesce(max(s.slot_no), 0) + 1 from item_slots s where s.item_id = i.id),
                   i.project_id, i.position, i.annotation_count, ${selectionScoreOf(sql`i.id`)}
            from items i
            where i.id = ${itemId} and not exists (select 1 from gold_answers g where g.item_id = i.id)
            returning slot_no`,
      );
      return rows.length > 0;
    },

    /**
     * A heartbeat in one statement: moves the expiry of the caller's active (or prepared) lease on the slot it still
     * holds (an expired lease whose slot nobody took over is revived), and of the prepared lease beside an active one,
     * so a prepared slot leaves the pool no longer than the task the annotator is working on (claimPrepared). Only the slot row is written: its lease_expires_at is the
     * one expiry every claim reads, and taking no lease row lock keeps heartbeats out of the lock order of claims
     * (slot, then the taken-over lease) and submits (lease, item, slots), so they can deadlock with neither.
     * Answers the lease as read (undefined if there is none) and whether it was extended.
     */
    async extendLease(
      leaseId: string,
      userId: string,
      expiresAt: Date,
    ): Promise<{ userId: string; state: LeaseRow['state']; extended: boolean } | undefined> {
      const [row] = await rawRows<{ user_id: string; state: LeaseRow['state']; extended: boolean }>(
        db,
        sql`
        with lease as (select id, user_id, state, item_id, slot_no, project_id from leases where id = ${leaseId}),
        extended as (
          update item_slots s set lease_expires_at = ${expiresAt.toISOString()}::timestamptz
          from lease l
          where l.user_id = ${userId} and l.state in ('active', 'prepared') and s.item_id = l.item_id
            and s.slot_no = l.slot_no and s.lease_id = l.id and s.annotation_id is null
          returning s.item_id
        ),
        prepared as (
          update item_slots s set lease_expires_at = ${expiresAt.toISOString()}::timestamptz
          from lease l
          join leases p on p.user_id = l.user_id and p.project_id = l.project_id and p.state = 'prepared'
          where l.user_id = ${userId} and l.state = 'active' and exists (select 1 from extended)
            and s.item_id = p.item_id and s.slot_no = p.slot_no and s.lease_id = p.id and s.annotation_id is null
        )
        select l.user_id, l.state, exists (select 1 from extended) as extended from lease l`,
        'feedbench_heartbeat',
      );
      return row && { userId: row.user_id, state: row.state, extended: row.extended };
    },

    async markLease(leaseId: string, state: LeaseRow['state']) {
      await db.update(leases).set({ state }).where(eq(leases.id, leaseId));
    },

    async lockLease(leaseId: string): Promise<LeaseRow | undefined> {
      const [row] = await db.select().from(leases).where(eq(leases.id, leaseId)).for('update');
      return row;
    },

    async findLease(leaseId: string): Promise<LeaseRow | undefined> {
      const [row] = await db.select().from(leases).where(eq(leases.id, leaseId));
      return row;
    },

    /**
     * Locks the lease and its item in one statement. The item lock serializes submits of one item: a submit rewrites
     * every slot of its item (fill count), so two submits of the same item locking their own slots first would
     * deadlock. NO KEY UPDATE, not UPDATE: a concurrent claim that holds a slot of this item inserts a lease whose
     * foreign key takes KEY SHARE on the item row, which FOR UPDATE would block while this submit waits for that
     * claim's slot: a deadlock under load. Every caller locks lease before item, so the two never cross.
     */
    async lockLeaseAndItem(leaseId: string): Promise<LeaseRow | undefined> {
      // Raw: drizzle's select takes one locking clause, this needs two strengths.
      const [row] = await rawRows<{
        id: string;
        project_id: string;
        item_id: string;
        user_id: string;
        slot_no: number;
        display_order: string[];
        state: LeaseRow['state'];
        created_at: Date | string;
        expires_at: Date | string;
      }>(
        db,
        sql`select l.id, l.project_id, l.item_id, l.user_id, l.slot_no, l.display_order, l.state, l.created_at,
                   l.expires_at
            from leases l join items i on i.id = l.item_id
            where l.id = ${leaseId}
            for update of l for no key update of i`,
        'feedbench_lock_lease_item',
      );
      return (
        row && {
          id: row.id,
          projectId: row.project_id,
          itemId: row.item_id,
          userId: row.user_id,
          slotNo: Number(row.slot_no),
          displayOrder: row.display_order,
          state: row.state,
          createdAt: new Date(row.created_at),
          expiresAt: new Date(row.expires_at),
        }
      );
    },

    /**
     * Ends a user's active and prepared leases (in one project, or everywhere) and frees the slots they held, in one
     * statement: leases then slots, the lock order of submits. Returns how many were released.
     */
    async releaseLeasesOf(userId: string, projectId?: string): Promise<number> {
      const rows = await rawRows<{ id: string }>(
        db,
        sql`
        with released as (
          update leases set state = 'expired'
          where user_id = ${userId} and state in ('active', 'prepared') ${projectId ? sql`and project_id = ${projectId}` : sql``}
          returning id
        ),
        freed as (
          update item_slots s set lease_id = null, lease_user_id = null, lease_expires_at = null
          from released r where s.lease_id = r.id and s.annotation_id is null
          returning s.item_id
        )
        select id from released`,
      );
      return rows.length;
    },

    /** Frees the slot if this lease still holds it. */
    async releaseSlot(ref: SlotRef, leaseId: string) {
      await db
        .update(itemSlots)
        .set({ leaseId: null, leaseUserId: null, leaseExpiresAt: null })
        .where(
          and(
            eq(itemSlots.itemId, ref.itemId),
            eq(itemSlots.slotNo, ref.slotNo),
            eq(itemSlots.leaseId, leaseId),
            sql`${itemSlots.annotationId} is null`,
          ),
        );
    },

    async analyzeSlots() {
      await db.execute(sql`analyze item_slots`);
    },

    async insertSkip(values: typeof skips.$inferInsert) {
      await db.insert(skips).values(values).onConflictDoNothing();
    },

    /**
     * A page of the project's skips, newest first, after the keyset position `after` (time, item, annotator): a range
     * of skips_project_idx whatever the page's depth, never OFFSET. The time is read as text (microseconds).
     */
    skipsOf(projectId: string, limit: number, after?: readonly [at: string, itemId: string, userId: string]) {
      return rawRows<{
        item_id: string;
        user_id: string;
        external_id: string;
        email: string;
        reason: (typeof skips.$inferSelect)['reason'];
        comment: string | null;
        created_at: Date | string;
        created_at_key: string;
      }>(
        db,
        sql`select k.item_id, k.user_id, i.external_id, u.email, k.reason, k.comment, k.created_at,
                   k.created_at::text as created_at_key
            from skips k join items i on i.id = k.item_id join users u on u.id = k.user_id
            where k.project_id = ${projectId}
              ${after ? sql`and (k.created_at, k.item_id, k.user_id) < (${after[0]}::timestamptz, ${after[1]}::uuid, ${after[2]}::uuid)` : sql``}
            order by k.created_at desc, k.item_id desc, k.user_id desc
            limit ${limit}`,
      );
    },

    /**
     * Items that were skipped and are still short of their target, most skipped first, then in import order, after
     * the keyset position `after` (skips, position). The counts are an aggregate over the project's skips, so a page
     * costs a read of the project's skips (as many as annotators' skips, never its items).
     */
    skippedShortItems(
      projectId: string,
      overlapTarget: number,
      limit: number,
      after?: readonly [skips: number, position: number],
    ) {
      return rawRows<{
        item_id: string;
        external_id: string;
        skips: string | number;
        annotations: number;
        position: string | number;
        reasons: string[];
      }>(
        db,
        sql`select * from (
              select i.id as item_id, i.external_id, count(*) as skips, i.annotation_count as annotations,
                     i.position, array_agg(distinct k.reason) as reasons
              from skips k join items i on i.id = k.item_id
              where k.project_id = ${projectId} and i.annotation_count < ${overlapTarget}
              group by i.id, i.external_id, i.annotation_count, i.position
            ) t
            ${after ? sql`where (t.skips < ${after[0]} or (t.skips = ${after[0]} and t.position > ${after[1]}))` : sql``}
            order by t.skips desc, t.position
            limit ${limit}`,
      );
    },
  };
}
export type AssignmentRepository = ReturnType<typeof createAssignmentRepository>;

/**
 * Annotations of the item (`itemId` is an SQL expression) in regular slots that a reviewer rejected: each one was
 * replaced by a reopened slot, so the item's regular slot count is its target plus these.
 */
function rejectedRegular(itemId: ReturnType<typeof sql>) {
  return sql`(select count(*) from annotations a
    join item_slots s on s.item_id = a.item_id and s.slot_no = a.slot_no and not s.gold
    join reviews r on r.annotation_id = a.id and r.verdict = 'rejected'
    where a.item_id = ${itemId})`;
}

/**
 * Inserts the regular slots each selected item lacks (target plus its rejected annotations, minus the regular slots
 * it has), numbered above its highest slot, with the ordering keys copied from the item.
 */
function topUpSlots(
  itemFilter: ReturnType<typeof sql>,
  target: number | ReturnType<typeof sql>,
  options: { skipGold: boolean },
) {
  return sql`
    with need as (
      select i.id, i.project_id, i.position, i.annotation_count,
             ${target} + ${rejectedRegular(sql`i.id`)}
               - (select count(*) from item_slots s where s.item_id = i.id and not s.gold) as missing,
             (select coalesce(max(s.slot_no), 0) from item_slots s where s.item_id = i.id) as top
      from items i
      where ${itemFilter}
        ${options.skipGold ? sql`and not exists (select 1 from gold_answers g where g.item_id = i.id)` : sql``}
    )
    insert into item_slots (item_id, slot_no, project_id, item_position, item_fill, selection_score)
    select n.id, n.top + k.n, n.project_id, n.position, n.annotation_count, ${selectionScoreOf(sql`n.id`)}
    from need n, generate_series(1, greatest(n.missing, 0)::int) as k(n)
    on conflict do nothing`;
}
