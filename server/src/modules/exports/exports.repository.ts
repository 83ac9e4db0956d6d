import type { Answers, Message } from '@feedbench/shared';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { annotations, itemOutputs, items } from '../../db/schema/index.ts';

export interface ExportRecord {
  annotationId: string;
  itemExternalId: string;
  conversation: Message[];
  answers: Answers;
  /** Output id -> content, for every output of the item. */
  outputs: Map<string, string>;
}

interface Cursor {
  position: number;
  annotationId: string;
}

/** Keyset pages over a project's annotations in item order: constant memory on either engine, however large. */
export function createExportsRepository(db: Executor) {
  return {
    async page(
      projectId: string,
      after: Cursor | undefined,
      limit: number,
    ): Promise<{ records: ExportRecord[]; next?: Cursor }> {
      const rows = await db
        .select({
          annotationId: annotations.id,
          itemId: items.id,
          position: items.position,
          externalId: items.externalId,
          conversation: items.conversation,
          answers: annotations.answers,
        })
        .from(annotations)
        .innerJoin(items, eq(items.id, annotations.itemId))
        .where(
          and(
            eq(annotations.projectId, projectId),
            after
              ? sql`(${items.position}, ${annotations.id}) > (${after.position}, ${after.annotationId}::uuid)`
              : undefined,
          ),
        )
        .orderBy(asc(items.position), asc(annotations.id))
        .limit(limit);
      const itemIds = [...new Set(rows.map((r) => r.itemId))];
      const outputs =
        itemIds.length === 0
          ? []
          : await db
              .select({ itemId: itemOutputs.itemId, outputId: itemOutputs.outputId, content: itemOutputs.content })
              .from(itemOutputs)
              .where(inArray(itemOutputs.itemId, itemIds));
      const byItem = new Map<string, Map<string, string>>();
      for (const o of outputs) {
        const map = byItem.get(o.itemId) ?? new Map<string, string>();
        map.set(o.outputId, o.content);
        byItem.set(o.itemId, map);
      }
      const last = rows.at(-1);
      return {
        records: rows.map((r) => ({
          annotationId: r.annotationId,
          itemExternalId: r.externalId,
          conversation: r.conversation,
          answers: r.answers,
          outputs: byItem.get(r.itemId) ?? new Map(),
        })),
        next: rows.length === limit && last ? { position: last.position, annotationId: last.annotationId } : undefined,
      };
    },
  };
}
