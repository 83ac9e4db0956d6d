import type { Answers, OrderingPolicy, Question, SelectionSource } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import { type Executor, rawRows } from '../../db/client.ts';

/**
 * The item's selection score from the source its project's ordering policy names (source names are policy names), as
 * an SQL expression over the item id `itemId`; null when the policy is no selection policy or the item has no score.
 * Every slot insert and every sync copies it into item_slots.selection_score.
 */
export function selectionScoreOf(itemId: ReturnType<typeof sql>) {
  return sql`(select c.score from item_selection_scores c join projects p on p.id = c.project_id
              where c.item_id = ${itemId} and c.source = p.settings ->> 'ordering')`;
}

/** `and i.id in (...)` for the given items, or nothing for all of the project's. */
function itemsIn(itemIds: readonly string[] | null) {
  if (itemIds === null) return sql``;
  if (itemIds.length === 0) return sql`and false`;
  return sql`and i.id in (${sql.join(
    itemIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

/** SQL of the selection scores: the per-source table and its copy on the slots the claim walks. */
export function createSelectionRepository(db: Executor) {
  return {
    /** The project's ordering policy and template (the human-disagreement source reads its question). */
    async projectSettings(projectId: string): Promise<{ ordering: OrderingPolicy; questions: Question[] } | undefined> {
      const [row] = await rawRows<{ ordering: OrderingPolicy; questions: Question[] }>(
        db,
        sql`select settings ->> 'ordering' as ordering, settings -> 'questions' as questions
            from projects where id = ${projectId}`,
      );
      return row;
    },

    /**
     * Writes scores of one source for items of the project (others are ignored), replacing earlier ones; a null
     * score removes the item's score. One statement: the entries travel as one JSON parameter. Answers how many
     * items of the project were named.
     */
    async upsertScores(
      projectId: string,
      source: SelectionSource,
      entries: readonly { itemId: string; score: number | null }[],
      now: Date,
    ): Promise<number> {
      if (entries.length === 0) return 0;
      const [row] = await rawRows<{ known: number }>(
        db,
        sql`with entry as (
          select v.item_id, v.score from jsonb_to_recordset(${JSON.stringify(entries.map((e) => ({ item_id: e.itemId, score: e.score })))}::jsonb)
            as v(item_id uuid, score double precision)
          join items i on i.id = v.item_id and i.project_id = ${projectId}
        ), written as (
          insert into item_selection_scores (item_id, source, project_id, score, updated_at)
          select item_id, ${source}, ${projectId}, score, ${now.toISOString()}::timestamptz from entry
          where score is not null
          on conflict (item_id, source) do update set score = excluded.score, updated_at = excluded.updated_at
        ), removed as (
          delete from item_selection_scores c using entry e
          where c.item_id = e.item_id and c.source = ${source} and e.score is null
        )
        select count(*)::int as known from entry`,
      );
      return row?.known ?? 0;
    },

    /**
     * The reward-model margin source from the outputs' scores: minus the smallest gap between two scored outputs of
     * an item (a small gap is where the reward model is least sure which is better), for items with two or more
     * scored outputs; other items lose their margin score. `itemIds` null: every item of the project.
     */
    async refreshScoreMargins(projectId: string, itemIds: readonly string[] | null, now: Date): Promise<void> {
      await db.execute(sql`
        with gaps as (
          select o.item_id, o.score - lag(o.score) over (partition by o.item_id order by o.score) as gap
          from item_outputs o join items i on i.id = o.item_id
          where i.project_id = ${projectId} ${itemsIn(itemIds)} and o.score is not null
        ), margin as (
          select item_id, -min(gap) as score from gaps where gap is not null group by item_id
        ), written as (
          insert into item_selection_scores (item_id, source, project_id, score, updated_at)
          select item_id, 'score-margin', ${projectId}, score, ${now.toISOString()}::timestamptz from margin
          on conflict (item_id, source) do update set score = excluded.score, updated_at = excluded.updated_at
        )
        delete from item_selection_scores c using items i
        where c.item_id = i.id and c.source = 'score-margin' and i.project_id = ${projectId} ${itemsIn(itemIds)}
          and not exists (select 1 from margin m where m.item_id = c.item_id)`);
    },

    /** Every submitted answer set of the given items (all of the project's when null), grouped by item. */
    async answersOf(
      projectId: string,
      itemIds: readonly string[] | null,
    ): Promise<{ itemId: string; answers: Answers }[]> {
      const rows = await rawRows<{ item_id: string; answers: Answers }>(
        db,
        sql`select a.item_id, a.answers from annotations a join items i on i.id = a.item_id
            where a.project_id = ${projectId} ${itemsIn(itemIds)}
            order by a.item_id, a.submitted_at`,
      );
      return rows.map((r) => ({ itemId: r.item_id, answers: r.answers }));
    },

    /**
     * Copies each item's current score (from the source the policy names) onto its open slots, where the claim reads
     * it. Slots are locked in (item, slot) order, the order every multi-slot writer takes, so two syncs cannot
     * deadlock; filled slots are never claimed and keep what they had.
     */
    async syncSlots(projectId: string, itemIds: readonly string[] | null): Promise<void> {
      await db.execute(sql`
        with target as (
          select i.id as item_id, ${selectionScoreOf(sql`i.id`)} as score
          from items i where i.project_id = ${projectId} ${itemsIn(itemIds)}
        ), locked as (
          select s.item_id, s.slot_no, t.score from item_slots s join target t on t.item_id = s.item_id
          where s.annotation_id is null and s.selection_score is distinct from t.score
          order by s.item_id, s.slot_no
          for no key update of s
        )
        update item_slots s set selection_score = l.score
        from locked l where s.item_id = l.item_id and s.slot_no = l.slot_no`);
    },
  };
}
export type SelectionRepository = ReturnType<typeof createSelectionRepository>;
