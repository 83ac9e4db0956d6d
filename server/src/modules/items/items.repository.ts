import { asc, eq, sql } from 'drizzle-orm';
import { type Executor, rawRows } from '../../db/client.ts';
import { itemOutputs, items } from '../../db/schema/index.ts';

export type ItemRow = typeof items.$inferSelect;
export type OutputRow = typeof itemOutputs.$inferSelect;

export function createItemsRepository(db: Executor) {
  return {
    async findById(itemId: string): Promise<ItemRow | undefined> {
      const [row] = await db.select().from(items).where(eq(items.id, itemId));
      return row;
    },

    outputsOf(itemId: string): Promise<OutputRow[]> {
      return db.select().from(itemOutputs).where(eq(itemOutputs.itemId, itemId)).orderBy(asc(itemOutputs.position));
    },

    /**
     * Sets reward-model scores of outputs named by the import file's ids, in one statement (the entries travel as one
     * JSON parameter). Answers, per entry index, the item id it hit; an entry that names no output is missing.
     */
    async setOutputScores(
      projectId: string,
      entries: readonly { item: string; output: string; score: number | null }[],
    ): Promise<{ index: number; itemId: string }[]> {
      const rows = await rawRows<{ index: number; item_id: string }>(
        db,
        sql`update item_outputs o set score = v.score
            from jsonb_to_recordset(${JSON.stringify(entries.map((e, index) => ({ ...e, index })))}::jsonb)
                   as v(index int, item text, output text, score double precision)
            join items i on i.project_id = ${projectId} and i.external_id = v.item
            where o.item_id = i.id and o.output_id = v.output
            returning v.index, o.item_id`,
      );
      return rows.map((r) => ({ index: r.index, itemId: r.item_id }));
    },

    async incrementAnnotationCount(itemId: string) {
      await db
        .update(items)
        .set({ annotationCount: sql`${items.annotationCount} + 1` })
        .where(eq(items.id, itemId));
    },
  };
}
export type ItemsRepository = ReturnType<typeof createItemsRepository>;
