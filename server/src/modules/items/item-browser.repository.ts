import type { Answers, ItemState, Message, OutputProvenance, ReviewVerdict, SkipReason } from '@feedbench/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, rawRows } from '../../db/client.ts';

/**
 * The item browser's SQL. Every page is a keyset range in import order (`position > cursor ... limit`) read from an
 * index that starts with the project, so its cost does not grow with the project (issue 12: never OFFSET). Raw SQL:
 * drizzle cannot say the per-count UNION of index ranges or the windowed search below.
 */

/** Items a text or metadata search reads per page at most: a page costs this much however rare the match. */
export const SEARCH_WINDOW = 5000;

export interface BrowsePage {
  projectId: string;
  overlapTarget: number;
  /** Position of the last item already seen (0 for the first page). */
  after: number;
  limit: number;
  state?: ItemState;
  text?: string;
  meta: Record<string, unknown>[];
  now: Date;
}

export interface ItemSummaryRow {
  id: string;
  external_id: string;
  position: string | number;
  metadata: Record<string, unknown>;
  annotation_count: number;
  prompt: string | null;
  live: boolean;
  gold: boolean;
  skips: string | number;
  flagged: boolean;
  rejected: boolean;
}

/** An annotation that flags at least one output (any flags answer with a flag set). */
const FLAGGED = (answers: SQL) => sql`jsonb_path_exists(${answers}, '$.* ? (@.type == "flags").values.*[*]')`;

export function createItemBrowserRepository(db: Executor) {
  /** Columns of one listed item; every sub-select is one probe of an index on item_id. */
  const summaryColumns = (now: Date) => sql`
    i.id, i.external_id, i.position, i.metadata, i.annotation_count,
    (select left(m.value ->> 'content', 200) from jsonb_array_elements(i.conversation) with ordinality m(value, n)
      where m.value ->> 'role' = 'user' order by m.n desc limit 1) as prompt,
    exists (select 1 from item_slots s where s.item_id = i.id and s.annotation_id is null
      and s.lease_expires_at > ${now.toISOString()}::timestamptz) as live,
    exists (select 1 from gold_answers g where g.item_id = i.id) as gold,
    (select count(*) from skips k where k.item_id = i.id) as skips,
    exists (select 1 from annotations a where a.item_id = i.id and ${FLAGGED(sql`a.answers`)}) as flagged,
    exists (select 1 from reviews r where r.item_id = i.id and r.verdict = 'rejected') as rejected`;

  /** Annotation counts some item of the project holds now (a handful of rows of item_counters). */
  async function countsPresent(projectId: string): Promise<number[]> {
    const rows = await rawRows<{ annotation_count: number }>(
      db,
      sql`select annotation_count from item_counters where project_id = ${projectId}
          group by annotation_count having sum(items) > 0`,
    );
    return rows.map((r) => r.annotation_count);
  }

  /**
   * The items of a state after the cursor, in position order, at most `take`: each branch is a range of one index
   * (items_project_count_position_idx per annotation count; the small tables through their project index).
   */
  async function source(page: BrowsePage, take: number): Promise<SQL> {
    const { projectId, after, now } = page;
    const live = (item: SQL) => sql`exists (select 1 from item_slots s where s.item_id = ${item}
      and s.annotation_id is null and s.lease_expires_at > ${now.toISOString()}::timestamptz)`;
    const byCount = (count: number) => sql`(select i.id, i.position from items i
      where i.project_id = ${projectId} and i.annotation_count = ${count} and i.position > ${after}
      order by i.position limit ${take})`;
    const among = (ids: SQL) => sql`select i.id, i.position from items i
      where i.project_id = ${projectId} and i.position > ${after} and i.id in (${ids})`;
    const union = (branches: SQL[]) =>
      branches.length === 0
        ? sql`select null::uuid as id, null::bigint as position where false`
        : sql.join(branches, sql` union all `);
    switch (page.state) {
      case undefined:
        return sql`select i.id, i.position from items i where i.project_id = ${projectId} and i.position > ${after}`;
      case 'waiting':
        return sql`select i.id, i.position from items i
          where i.project_id = ${projectId} and i.annotation_count = 0 and i.position > ${after}
            and not ${live(sql`i.id`)} and not exists (select 1 from gold_answers g where g.item_id = i.id)`;
      case 'in-progress': {
        const counts = (await countsPresent(projectId)).filter((c) => c > 0 && c < page.overlapTarget);
        // Items nobody finished yet but someone holds: the live leases of the project (item_slots_live_lease_idx).
        const held = sql`(select i.id, i.position from item_slots s join items i on i.id = s.item_id
          where s.project_id = ${projectId} and s.annotation_id is null and s.lease_expires_at is not null
            and s.lease_expires_at > ${now.toISOString()}::timestamptz and i.annotation_count = 0
            and i.position > ${after})`;
        return sql`select distinct id, position from (${union([...counts.map(byCount), held])}) u`;
      }
      case 'complete': {
        const counts = (await countsPresent(projectId)).filter((c) => c >= page.overlapTarget);
        return sql`select id, position from (${union(counts.map(byCount))}) u`;
      }
      case 'skipped':
        return among(sql`select item_id from skips where project_id = ${projectId}`);
      case 'gold':
        return among(sql`select item_id from gold_answers where project_id = ${projectId}`);
      case 'flagged':
        return among(
          sql`select item_id from annotations a where a.project_id = ${projectId} and ${FLAGGED(sql`a.answers`)}`,
        );
      case 'rejected':
        return among(sql`select item_id from reviews where project_id = ${projectId} and verdict = 'rejected'`);
    }
  }

  return {
    /**
     * One page: the rows (at most limit + 1, the extra one says a next page exists) and, for a search, how far the
     * window read (`scanned` items up to position `scannedTo`).
     */
    async page(
      page: BrowsePage,
    ): Promise<{ rows: ItemSummaryRow[]; scanned: number; scannedTo: number | null; window: number }> {
      const searching = page.text !== undefined || page.meta.length > 0;
      const take = searching ? SEARCH_WINDOW : page.limit + 1;
      const filters: SQL[] = [];
      if (page.text !== undefined) {
        const pattern = `%${page.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        filters.push(sql`exists (select 1 from jsonb_array_elements(i.conversation) m
          where m.value ->> 'content' ilike ${pattern})`);
      }
      for (const pair of page.meta) filters.push(sql`i.metadata @> ${JSON.stringify(pair)}::jsonb`);
      const where = filters.length > 0 ? sql`where ${sql.join(filters, sql` and `)}` : sql``;
      const rows = await rawRows<ItemSummaryRow & { scanned: string | number; scanned_to: string | number | null }>(
        db,
        sql`
        with src as materialized (select id, position from (${await source(page, take)}) s
                                  order by position limit ${take}),
        window_read as (select count(*) as scanned, max(position) as scanned_to from src),
        listed as (
          select ${summaryColumns(page.now)}
          from src join items i on i.id = src.id
          ${where}
          order by i.position
          limit ${page.limit + 1}
        )
        select w.scanned, w.scanned_to, l.* from window_read w left join listed l on true order by l.position`,
      );
      const first = rows[0];
      return {
        rows: rows.filter((r) => r.id !== null),
        scanned: Number(first?.scanned ?? 0),
        scannedTo: first?.scanned_to == null ? null : Number(first.scanned_to),
        // Without a search the source reads limit + 1 rows: the page's own extra row says whether more follow.
        window: searching ? take : Number.POSITIVE_INFINITY,
      };
    },

    /** The item with this exact external id in the project (the unique index), as a listed row. */
    async byExternalId(projectId: string, externalId: string, now: Date): Promise<ItemSummaryRow | undefined> {
      const [row] = await rawRows<ItemSummaryRow>(
        db,
        sql`select ${summaryColumns(now)} from items i where i.project_id = ${projectId} and i.external_id = ${externalId}`,
      );
      return row;
    },

    async detail(projectId: string, itemId: string, now: Date) {
      const [row] = await rawRows<ItemSummaryRow & { conversation: Message[] }>(
        db,
        sql`select ${summaryColumns(now)}, i.conversation from items i
            where i.project_id = ${projectId} and i.id = ${itemId}`,
      );
      if (!row) return undefined;
      const [outputs, annotations, skips] = await Promise.all([
        rawRows<{
          output_id: string;
          model: string | null;
          content: string;
          score: number | null;
          provenance: OutputProvenance | null;
        }>(
          db,
          sql`select output_id, model, content, score, provenance from item_outputs
              where item_id = ${itemId} order by position`,
        ),
        rawRows<{
          id: string;
          email: string;
          answers: Answers;
          display_order: string[];
          submitted_at: Date | string;
          verdict: ReviewVerdict | null;
          comment: string | null;
        }>(
          db,
          sql`select a.id, u.email, a.answers, a.display_order, a.submitted_at, r.verdict, r.comment
              from annotations a join users u on u.id = a.user_id left join reviews r on r.annotation_id = a.id
              where a.item_id = ${itemId} order by a.submitted_at, a.id`,
        ),
        rawRows<{ email: string; reason: SkipReason; comment: string | null }>(
          db,
          sql`select u.email, k.reason, k.comment from skips k join users u on u.id = k.user_id
              where k.item_id = ${itemId} order by k.created_at`,
        ),
      ]);
      return { row, outputs, annotations, skips };
    },
  };
}
export type ItemBrowserRepository = ReturnType<typeof createItemBrowserRepository>;
