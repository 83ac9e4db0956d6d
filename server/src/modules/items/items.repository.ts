import type { OutputProvenance } from '@feedbench/shared';
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
     * Adds an output sampled by a generation job (models module) after the item's others, only while nobody has
     * answered the item (an annotator must never find an item changed under an answer given) and below the
     * template's bound. Raw SQL: one statement checks, positions and inserts. Returns the item's output count after
     * the insert, or null when nothing was added (answered meanwhile, full, or that output id exists already).
     */
    async insertGeneratedOutput(output: {
      itemId: string;
      outputId: string;
      model: string;
      content: string;
      provenance: OutputProvenance;
      /** The template's bound: an item already holding this many outputs gets no more. */
      maxOutputs: number;
    }): Promise<number | null> {
      const [row] = await rawRows<{ outputs: number }>(
        db,
        sql`with added as (
          insert into item_outputs (item_id, output_id, model, content, position, provenance)
          select ${output.itemId}::uuid, ${output.outputId}, ${output.model}, ${output.content},
                 coalesce((select max(position) + 1 from item_outputs where item_id = ${output.itemId}::uuid), 0),
                 ${JSON.stringify(output.provenance)}::jsonb
          where exists (select 1 from items where id = ${output.itemId}::uuid and annotation_count = 0)
            and (select count(*) from item_outputs where item_id = ${output.itemId}::uuid) < ${output.maxOutputs}
          on conflict (item_id, output_id) do nothing
          returning item_id
        )
        select (select count(*) from item_outputs where item_id = ${output.itemId}::uuid)::int + 1 as outputs
        from added`,
      );
      return row ? row.outputs : null;
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
