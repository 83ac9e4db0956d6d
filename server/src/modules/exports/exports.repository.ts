import type { Answer, Answers, Message } from '@feedbench/shared';
import { and, asc, eq, gt, gte, inArray, lt } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { annotations, itemOutputs, itemReferences, items } from '../../db/schema/index.ts';

export interface ExportOutput {
  id: string;
  model: string | null;
  content: string;
}

export interface ExportAnnotation {
  id: string;
  userId: string;
  answers: Answers;
  displayOrder: string[];
  templateVersion: number;
  guidelinesVersion: number;
  leaseId: string;
  timeOnTaskMs: number | null;
  startedAt: Date;
  submittedAt: Date;
}

/** One item with everything an export line may need: its outputs in import order and its annotations in time order. */
export interface ExportItem {
  id: string;
  externalId: string;
  position: number;
  conversation: Message[];
  metadata: Record<string, unknown>;
  outputs: ExportOutput[];
  annotations: ExportAnnotation[];
  /** The judgement an imported dataset carried (see item_references), if any. */
  reference: Answer | null;
}

export interface ExportPageFilter {
  /** Items with at least this many annotations in all (the date filter may leave fewer: the service re-checks). */
  minAnnotations: number;
  from?: Date;
  to?: Date;
}

/**
 * Keyset pages of a project's annotated items in import order: each page is a handful of indexed queries whatever
 * the project's size, so an export runs in constant memory on either engine.
 */
export function createExportsRepository(db: Executor) {
  return {
    async page(
      projectId: string,
      afterPosition: number | undefined,
      limit: number,
      filter: ExportPageFilter,
    ): Promise<{ items: ExportItem[]; next?: number }> {
      const itemRows = await db
        .select({
          id: items.id,
          externalId: items.externalId,
          position: items.position,
          conversation: items.conversation,
          metadata: items.metadata,
        })
        .from(items)
        .where(
          and(
            eq(items.projectId, projectId),
            afterPosition === undefined ? undefined : gt(items.position, afterPosition),
            // Maintained by the submit: items nobody annotated are skipped without reading their annotations.
            gte(items.annotationCount, Math.max(1, filter.minAnnotations)),
          ),
        )
        .orderBy(asc(items.position))
        .limit(limit);
      if (itemRows.length === 0) return { items: [] };
      const ids = itemRows.map((r) => r.id);
      // Sequential, not Promise.all: one connection per export, and PGlite has only one anyway.
      const annotationRows = await db
        .select({
          itemId: annotations.itemId,
          id: annotations.id,
          userId: annotations.userId,
          answers: annotations.answers,
          displayOrder: annotations.displayOrder,
          templateVersion: annotations.templateVersion,
          guidelinesVersion: annotations.guidelinesVersion,
          leaseId: annotations.leaseId,
          timeOnTaskMs: annotations.timeOnTaskMs,
          startedAt: annotations.startedAt,
          submittedAt: annotations.submittedAt,
        })
        .from(annotations)
        .where(
          and(
            inArray(annotations.itemId, ids),
            filter.from ? gte(annotations.submittedAt, filter.from) : undefined,
            filter.to ? lt(annotations.submittedAt, filter.to) : undefined,
          ),
        )
        .orderBy(asc(annotations.submittedAt), asc(annotations.id));
      const outputRows = await db
        .select({
          itemId: itemOutputs.itemId,
          id: itemOutputs.outputId,
          model: itemOutputs.model,
          content: itemOutputs.content,
        })
        .from(itemOutputs)
        .where(inArray(itemOutputs.itemId, ids))
        .orderBy(asc(itemOutputs.itemId), asc(itemOutputs.position));
      const referenceRows = await db
        .select({ itemId: itemReferences.itemId, label: itemReferences.label })
        .from(itemReferences)
        .where(inArray(itemReferences.itemId, ids));

      const byId = new Map<string, ExportItem>(
        itemRows.map((r) => [r.id, { ...r, outputs: [], annotations: [], reference: null }]),
      );
      for (const { itemId, ...annotation } of annotationRows) byId.get(itemId)?.annotations.push(annotation);
      for (const { itemId, ...output } of outputRows) byId.get(itemId)?.outputs.push(output);
      for (const { itemId, label } of referenceRows) {
        const item = byId.get(itemId);
        if (item) item.reference = label;
      }
      const last = itemRows.at(-1);
      return {
        items: [...byId.values()],
        next: itemRows.length === limit && last ? last.position : undefined,
      };
    },
  };
}
