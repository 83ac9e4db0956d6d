import type { Answers } from '@feedbench/shared';
import { and, desc, eq, sql } from 'drizzle-orm';
import { type Executor, rawRows } from '../../db/client.ts';
import { annotations, items } from '../../db/schema/index.ts';
import type { KeysetPosition } from '../../lib/keyset.ts';

export type AnnotationRow = typeof annotations.$inferSelect;

export function createAnnotationsRepository(db: Executor) {
  return {
    /**
     * Inside the submit transaction, after the lease lock: the annotation an earlier send with this idempotency key
     * stored (a retry), and whether the annotator already annotated the item, in one round trip. storeSubmission
     * checks the same itself; this is for the paths that write nothing (a closed lease, invalid answers).
     */
    async priorSubmission(userId: string, key: string, itemId: string) {
      const [row] = await rawRows<{ replay_id: string | null; annotated: boolean }>(db, priorOf(userId, key, itemId));
      return { replayId: row?.replay_id ?? null, annotated: row?.annotated === true };
    },

    /**
     * Every write of a submit in one statement (the item row is already locked by the caller, which serializes
     * submits of one item). First the guard, read in this statement's own snapshot (taken after the caller's locks,
     * so it sees every submit that committed before): nothing is written when this idempotency key already stored an
     * annotation (a retry: its id is answered) or the annotator already annotated the item. Then: takes the lease's
     * own slot if it is still unfilled and not leased to someone else, else (a late submit) another free regular
     * slot of the item, never a gold one (gold slots are per annotator); inserts the annotation into it; fills it and
     * moves the item's fill key on every slot of the item; counts the annotation on the item; closes the lease;
     * discards the draft. A gold answer moves neither the fill key nor the count: it is a control, not progress
     * towards the overlap target. `full` when no slot has room (the caller refuses with 409 and the draft stays).
     */
    async storeSubmission(values: {
      id: string;
      projectId: string;
      itemId: string;
      slotNo: number;
      userId: string;
      leaseId: string;
      idempotencyKey: string;
      answers: Answers;
      displayOrder: string[];
      templateVersion: number;
      guidelinesVersion: number;
      timeOnTaskMs: number | null;
      startedAt: Date;
      submittedAt: Date;
    }): Promise<
      | { outcome: 'stored'; slotNo: number; gold: boolean }
      | { outcome: 'replay'; annotationId: string }
      | { outcome: 'annotated' }
      | { outcome: 'full' }
    > {
      const v = values;
      const submittedAt = sql`${v.submittedAt.toISOString()}::timestamptz`;
      const [row] = await rawRows<{
        replay_id: string | null;
        annotated: boolean;
        slot_no: number | null;
        gold: boolean | null;
      }>(
        db,
        sql`
        with prior as (${priorOf(v.userId, v.idempotencyKey, v.itemId)}),
        own as (
          select item_id, slot_no, gold from item_slots
          where item_id = ${v.itemId} and slot_no = ${v.slotNo} and annotation_id is null
            and (lease_id = ${v.leaseId} or lease_id is null)
            and not exists (select 1 from prior where replay_id is not null or annotated)
          for update
        ),
        other as (
          select item_id, slot_no, false as gold from item_slots
          where item_id = ${v.itemId} and annotation_id is null and not gold
            and (lease_id is null or lease_expires_at <= ${submittedAt})
            and not exists (select 1 from own)
            and not exists (select 1 from prior where replay_id is not null or annotated)
          order by slot_no
          for update skip locked
          limit 1
        ),
        chosen as (select * from own union all select * from other limit 1),
        stored as (
          insert into annotations (id, project_id, item_id, slot_no, user_id, lease_id, idempotency_key, answers,
            display_order, template_version, guidelines_version, time_on_task_ms, started_at, submitted_at)
          select ${v.id}, ${v.projectId}, c.item_id, c.slot_no, ${v.userId}, ${v.leaseId}, ${v.idempotencyKey},
                 ${JSON.stringify(v.answers)}::jsonb, ${JSON.stringify(v.displayOrder)}::jsonb, ${v.templateVersion},
                 ${v.guidelinesVersion}, ${v.timeOnTaskMs}, ${v.startedAt.toISOString()}::timestamptz, ${submittedAt}
          from chosen c
        ),
        filled as (
          update item_slots s
          set item_fill = s.item_fill + case when c.gold then 0 else 1 end,
              annotation_id = case when s.slot_no = c.slot_no then ${v.id}::uuid else s.annotation_id end,
              lease_id = case when s.slot_no = c.slot_no then ${v.leaseId}::uuid else s.lease_id end,
              lease_user_id = case when s.slot_no = c.slot_no then ${v.userId}::uuid else s.lease_user_id end,
              lease_expires_at = case when s.slot_no = c.slot_no then null else s.lease_expires_at end
          from chosen c
          where s.item_id = c.item_id
        ),
        counted as (
          update items set annotation_count = annotation_count + 1
          where id = ${v.itemId} and exists (select 1 from chosen where not gold)
        ),
        closed as (
          update leases set state = 'submitted' where id = ${v.leaseId} and exists (select 1 from chosen)
        ),
        discarded as (
          delete from drafts where item_id = ${v.itemId} and user_id = ${v.userId} and exists (select 1 from chosen)
        )
        select p.replay_id, p.annotated, c.slot_no, c.gold from prior p left join chosen c on true`,
        'feedbench_store_submission',
      );
      if (row?.replay_id) return { outcome: 'replay', annotationId: row.replay_id };
      if (row?.annotated) return { outcome: 'annotated' };
      if (row?.slot_no === null || row?.slot_no === undefined) return { outcome: 'full' };
      return { outcome: 'stored', slotNo: Number(row.slot_no), gold: row.gold === true };
    },

    async findByItemAndUser(itemId: string, userId: string): Promise<AnnotationRow | undefined> {
      const [row] = await db
        .select()
        .from(annotations)
        .where(and(eq(annotations.itemId, itemId), eq(annotations.userId, userId)));
      return row;
    },
    /**
     * A project's annotations, newest first, with the external id of their item: `limit` rows after the keyset
     * position `after` (a range of annotations_project_submitted_idx, never OFFSET).
     */
    listForProject(projectId: string, limit: number, after?: KeysetPosition) {
      return db
        .select({
          annotation: annotations,
          itemExternalId: items.externalId,
          submittedAtKey: sql<string>`${annotations.submittedAt}::text`,
        })
        .from(annotations)
        .innerJoin(items, eq(items.id, annotations.itemId))
        .where(
          and(
            eq(annotations.projectId, projectId),
            after
              ? sql`(${annotations.submittedAt}, ${annotations.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(desc(annotations.submittedAt), desc(annotations.id))
        .limit(limit);
    },
  };
}

/** One row: the annotation this idempotency key already stored, and whether the annotator annotated the item. */
function priorOf(userId: string, key: string, itemId: string) {
  return sql`select (select id from annotations where user_id = ${userId} and idempotency_key = ${key}) as replay_id,
                    exists (select 1 from annotations where item_id = ${itemId} and user_id = ${userId}) as annotated`;
}
