import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
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

    async incrementAnnotationCount(itemId: string) {
      await db
        .update(items)
        .set({ annotationCount: sql`${items.annotationCount} + 1` })
        .where(eq(items.id, itemId));
    },
  };
}
export type ItemsRepository = ReturnType<typeof createItemsRepository>;
