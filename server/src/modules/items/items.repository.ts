import { type ImportLine, toConversation } from '@feedbench/shared';
import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { itemOutputs, items } from '../../db/schema/index.ts';

export type ItemRow = typeof items.$inferSelect;
export type OutputRow = typeof itemOutputs.$inferSelect;

export function createItemsRepository(db: Executor) {
  return {
    /** Inserts the lines whose id the project lacks; returns the ids of the rows created (existing ids are kept). */
    async insertNew(projectId: string, lines: ImportLine[]): Promise<{ id: string; externalId: string }[]> {
      if (lines.length === 0) return [];
      const created = await db
        .insert(items)
        .values(
          lines.map((line) => ({
            projectId,
            externalId: line.id,
            conversation: toConversation(line.prompt),
            metadata: line.metadata ?? {},
          })),
        )
        .onConflictDoNothing({ target: [items.projectId, items.externalId] })
        .returning({ id: items.id, externalId: items.externalId });
      const byExternal = new Map(lines.map((line) => [line.id, line]));
      const outputs = created.flatMap((row) =>
        (byExternal.get(row.externalId)?.outputs ?? []).map((output, position) => ({
          itemId: row.id,
          outputId: output.id,
          model: output.model ?? null,
          content: output.content,
          position,
        })),
      );
      if (outputs.length > 0) await db.insert(itemOutputs).values(outputs);
      return created;
    },

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
