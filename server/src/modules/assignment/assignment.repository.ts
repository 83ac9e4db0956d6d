import type { OrderingPolicy } from '@feedbench/shared';
import { and, asc, eq, sql } from 'drizzle-orm';
import { type Executor, rawRows } from '../../db/client.ts';
import { itemOutputs, itemSlots, leases, skips } from '../../db/schema/index.ts';

export type LeaseRow = typeof leases.$inferSelect;
export interface SlotRef {
  itemId: string;
  slotNo: number;
}

const ORDER_BY: Record<OrderingPolicy, ReturnType<typeof sql>> = {
  // Finishing items that are nearly done first gives complete items early (usable for agreement and export).
  // Each matches one partial index on item_slots exactly (including NULLS LAST), so the claim stops early.
  'closest-to-completion': sql`s.item_fill desc nulls last, s.item_position, s.slot_no`,
  'import-order': sql`s.item_position, s.slot_no`,
  random: sql`s.shuffle_key`,
};

/** All SQL of the assignment engine: slots, leases, skips. */
export function createAssignmentRepository(db: Executor) {
  return {
    /** Serializes one annotator's claims in one project, so two tabs cannot take two slots of one item. */
    async lockAnnotator(userId: string, projectId: string) {
      await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`${userId}:${projectId}`}))`);
    },

    /** Slot rows 1..target for the given items (idempotent). */
    async createSlots(itemIds: string[], target: number) {
      if (itemIds.length === 0) return;
      await db.execute(sql`
        insert into item_slots (item_id, slot_no, project_id, item_position, item_fill)
        select i.id, g.slot_no, i.project_id, i.position, i.annotation_count
        from items i, generate_series(1, ${target}) as g(slot_no)
        where i.id in (${sql.join(
          itemIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
        on conflict do nothing`);
    },

    /** Adds slots up to the new target; removes only slots above it that hold no annotation and no live lease. */
    async resizeSlots(projectId: string, target: number, now: Date) {
      await db.execute(sql`
        insert into item_slots (item_id, slot_no, project_id, item_position, item_fill)
        select i.id, g.slot_no, i.project_id, i.position, i.annotation_count
        from items i, generate_series(1, ${target}) as g(slot_no)
        where i.project_id = ${projectId}
        on conflict do nothing`);
      await db.execute(sql`
        delete from item_slots
        where project_id = ${projectId} and slot_no > ${target} and annotation_id is null
          and (lease_id is null or lease_expires_at <= ${now.toISOString()}::timestamptz)`);
    },

    /** The live lease this annotator already holds in the project, if any. */
    async findHeldLease(userId: string, projectId: string, now: Date): Promise<LeaseRow | undefined> {
      const [row] = await db
        .select({ lease: leases })
        .from(leases)
        .innerJoin(itemSlots, eq(itemSlots.leaseId, leases.id))
        .where(
          and(
            eq(leases.userId, userId),
            eq(leases.projectId, projectId),
            eq(leases.state, 'active'),
            sql`${itemSlots.annotationId} is null and ${itemSlots.leaseExpiresAt} > ${now.toISOString()}::timestamptz`,
          ),
        )
        .limit(1);
      return row?.lease;
    },

    /**
     * Claims one free slot in a single statement: free means no annotation and no live lease, on an item this
     * annotator has not annotated, skipped or holding. Expiry is checked here, inside the claim (PEERS.md: Label
     * Studio's lazily cleaned locks left tasks stuck). SKIP LOCKED lets concurrent claims pass each other.
     */
    async claimSlot(args: {
      projectId: string;
      userId: string;
      leaseId: string;
      now: Date;
      expiresAt: Date;
      ordering: OrderingPolicy;
    }): Promise<(SlotRef & { previousLeaseId: string | null }) | undefined> {
      const now = sql`${args.now.toISOString()}::timestamptz`;
      const [row] = await rawRows<{ item_id: string; slot_no: number; previous_lease_id: string | null }>(
        db,
        sql`
        with candidate as (
          select s.item_id, s.slot_no, s.lease_id as previous_lease_id
          from item_slots s
          where s.project_id = ${args.projectId} and s.annotation_id is null and not s.gold
            and (s.lease_id is null or s.lease_expires_at <= ${now})
            and not exists (select 1 from annotations a where a.item_id = s.item_id and a.user_id = ${args.userId})
            and not exists (select 1 from skips k where k.item_id = s.item_id and k.user_id = ${args.userId})
            and not exists (
              select 1 from item_slots o where o.item_id = s.item_id and o.lease_user_id = ${args.userId}
                and o.annotation_id is null and o.lease_expires_at > ${now})
          order by ${ORDER_BY[args.ordering]}
          for update of s skip locked
          limit 1
        )
        update item_slots s
        set lease_id = ${args.leaseId}, lease_user_id = ${args.userId},
            lease_expires_at = ${args.expiresAt.toISOString()}::timestamptz
        from candidate c
        where s.item_id = c.item_id and s.slot_no = c.slot_no
        returning s.item_id, s.slot_no, c.previous_lease_id`,
      );
      return row && { itemId: row.item_id, slotNo: Number(row.slot_no), previousLeaseId: row.previous_lease_id };
    },

    async insertLease(values: typeof leases.$inferInsert) {
      const [row] = await db.insert(leases).values(values).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },

    /** Moves the expiry of a lease that still holds its slot; false when the slot went to someone else. */
    async extendLease(lease: { id: string; itemId: string; slotNo: number }, expiresAt: Date): Promise<boolean> {
      const rows = await db
        .update(itemSlots)
        .set({ leaseExpiresAt: expiresAt })
        .where(
          and(
            eq(itemSlots.itemId, lease.itemId),
            eq(itemSlots.slotNo, lease.slotNo),
            eq(itemSlots.leaseId, lease.id),
            sql`${itemSlots.annotationId} is null`,
          ),
        )
        .returning({ itemId: itemSlots.itemId });
      if (rows.length === 0) return false;
      await db.update(leases).set({ expiresAt }).where(eq(leases.id, lease.id));
      return true;
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
     * Serializes submits of one item: a submit rewrites every slot of its item (fill count), so two submits of the
     * same item locking their own slots first would deadlock. NO KEY UPDATE, not UPDATE: a concurrent claim that
     * holds a slot of this item inserts a lease whose foreign key takes KEY SHARE on the item row, which FOR UPDATE
     * would block while this submit waits for that claim's slot: a deadlock under load.
     */
    async lockItem(itemId: string) {
      await db.execute(sql`select 1 from items where id = ${itemId} for no key update`);
    },

    async lockSlot(ref: SlotRef) {
      const [row] = await db
        .select()
        .from(itemSlots)
        .where(and(eq(itemSlots.itemId, ref.itemId), eq(itemSlots.slotNo, ref.slotNo)))
        .for('update');
      return row;
    },

    /** Another free slot of the same item, for a submit whose own lease expired and was taken over. */
    async lockFreeSlotOfItem(itemId: string, now: Date): Promise<SlotRef | undefined> {
      const [row] = await rawRows<{ item_id: string; slot_no: number }>(
        db,
        sql`select item_id, slot_no from item_slots
            where item_id = ${itemId} and annotation_id is null
              and (lease_id is null or lease_expires_at <= ${now.toISOString()}::timestamptz)
            order by slot_no
            for update skip locked
            limit 1`,
      );
      return row && { itemId: row.item_id, slotNo: Number(row.slot_no) };
    },

    /** Fills the slot and moves the item's fill count on all its slots (the closest-to-completion key). */
    async fillSlot(ref: SlotRef, leaseId: string, userId: string, annotationId: string) {
      await db.execute(sql`
        update item_slots
        set item_fill = item_fill + 1,
            annotation_id = case when slot_no = ${ref.slotNo} then ${annotationId}::uuid else annotation_id end,
            lease_id = case when slot_no = ${ref.slotNo} then ${leaseId}::uuid else lease_id end,
            lease_user_id = case when slot_no = ${ref.slotNo} then ${userId}::uuid else lease_user_id end,
            lease_expires_at = case when slot_no = ${ref.slotNo} then null else lease_expires_at end
        where item_id = ${ref.itemId}`);
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

    async insertSkip(values: typeof skips.$inferInsert) {
      await db.insert(skips).values(values).onConflictDoNothing();
    },

    skipsOf(projectId: string) {
      return rawRows<{
        item_id: string;
        external_id: string;
        email: string;
        reason: (typeof skips.$inferSelect)['reason'];
        comment: string | null;
        created_at: Date | string;
      }>(
        db,
        sql`select k.item_id, i.external_id, u.email, k.reason, k.comment, k.created_at
            from skips k join items i on i.id = k.item_id join users u on u.id = k.user_id
            where k.project_id = ${projectId}
            order by k.created_at desc
            limit 1000`,
      );
    },

    /** Items that were skipped and are still short of their target. */
    skippedShortItems(projectId: string, overlapTarget: number) {
      return rawRows<{
        item_id: string;
        external_id: string;
        skips: string | number;
        annotations: number;
        reasons: string[];
      }>(
        db,
        sql`select i.id as item_id, i.external_id, count(*) as skips, i.annotation_count as annotations,
                   array_agg(distinct k.reason) as reasons
            from skips k join items i on i.id = k.item_id
            where k.project_id = ${projectId} and i.annotation_count < ${overlapTarget}
            group by i.id, i.external_id, i.annotation_count, i.position
            order by count(*) desc, i.position
            limit 1000`,
      );
    },

    async outputIds(itemId: string): Promise<string[]> {
      const rows = await db
        .select({ outputId: itemOutputs.outputId })
        .from(itemOutputs)
        .where(eq(itemOutputs.itemId, itemId))
        .orderBy(asc(itemOutputs.position));
      return rows.map((r) => r.outputId);
    },
  };
}
export type AssignmentRepository = ReturnType<typeof createAssignmentRepository>;
