import type { Answer, Answers, Message, RewardScoreProvenance } from '@feedbench/shared';
import {
  and,
  asc,
  count,
  eq,
  exists,
  gt,
  gte,
  inArray,
  isNull,
  lt,
  ne,
  notExists,
  notInArray,
  or,
  sql,
} from 'drizzle-orm';
import { type Executor, rawRows } from '../../db/client.ts';
import { annotations, goldAnswers, itemOutputs, itemReferences, items, reviews } from '../../db/schema/index.ts';

export interface ExportOutput {
  id: string;
  model: string | null;
  content: string;
  /** The call that produced it: a generation job's sample or a chat candidate (raw format's provenance column). */
  provenance?: Record<string, unknown>;
  /** A reward model's score of the output (imported, set through the API or by a scoring job), if any. */
  score?: number | null;
  /** Where `score` came from when a scoring job set it (raw format; filled per page from the judges module). */
  scoreProvenance?: RewardScoreProvenance | null;
}

export interface ExportAnnotation {
  id: string;
  userId: string;
  /** The answers the export reads: the reviewer's correction when it is preferred and exists, else `storedAnswers`. */
  answers: Answers;
  /** The annotator's answers as submitted. */
  storedAnswers: Answers;
  review: 'accepted' | 'corrected' | null;
  correctedAnswers: Answers | null;
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
  /** Only annotations with an accepting or correcting verdict (rejected ones are always left out). */
  reviewedOnly: boolean;
  preferCorrected: boolean;
  /** Gold (control) items: an item is gold while it has a gold_answers row. */
  includeGold: boolean;
  /** Item metadata key -> value, compared as text. */
  metadata: [string, string][];
  /** Annotators whose annotations are left out (e.g. below a gold accuracy). */
  excludedAnnotators: string[];
}

// This module reads other modules' tables (annotations, reviews, gold_answers) directly: an export streams every
// annotation of a project page by page, and going through their services would mean a query per item.
function itemConditions(db: Executor, projectId: string, filter: ExportPageFilter) {
  return and(
    eq(items.projectId, projectId),
    // Maintained by the submit: items nobody annotated are skipped without reading their annotations.
    gte(items.annotationCount, Math.max(1, filter.minAnnotations)),
    filter.includeGold
      ? undefined
      : notExists(db.select({ one: sql`1` }).from(goldAnswers).where(eq(goldAnswers.itemId, items.id))),
    // drizzle has no operator for a jsonb key as text; ->> reads it the same way on PostgreSQL and PGlite.
    ...filter.metadata.map(([key, value]) => sql`${items.metadata} ->> ${key} = ${value}`),
  );
}

/**
 * Keyset pages of a project's annotated items in import order: each page is a handful of indexed queries whatever
 * the project's size, so an export runs in constant memory on either engine.
 */
export function createExportsRepository(db: Executor) {
  return {
    /** Items an export with these filters reads (before the per-item checks): the denominator of job progress. */
    async countItems(projectId: string, filter: ExportPageFilter): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(items)
        .where(itemConditions(db, projectId, filter));
      return row?.n ?? 0;
    },

    /**
     * What the filters leave out before the per-item checks: gold items, rejected, unreviewed and excluded
     * annotators' annotations (on the items the filters keep), and items nobody annotated yet.
     */
    async exclusions(projectId: string, filter: ExportPageFilter) {
      const goldItem = db.select({ one: sql`1` }).from(goldAnswers).where(eq(goldAnswers.itemId, items.id));
      const [gold] = filter.includeGold
        ? [{ n: 0 }]
        : await db
            .select({ n: count() })
            .from(items)
            .where(and(eq(items.projectId, projectId), gte(items.annotationCount, 1), exists(goldItem)));
      // Unannotated items from item_counters (kept by triggers on items), less the unannotated gold items when gold is
      // left out: a handful of counter rows and the project's gold items, never a count over a million items.
      const [unannotated] = await rawRows<{ n: string | number }>(
        db,
        sql`select (select coalesce(sum(items), 0) from item_counters
                     where project_id = ${projectId} and annotation_count = 0)
                 - ${
                   filter.includeGold
                     ? sql`0`
                     : sql`(select count(*) from gold_answers g join items i on i.id = g.item_id
                              where g.project_id = ${projectId} and i.annotation_count = 0)`
                 } as n`,
      );
      const [annotationCounts] = await db
        .select({
          rejected: sql<number>`count(*) filter (where ${reviews.verdict} = 'rejected')`.mapWith(Number),
          unreviewed: sql<number>`count(*) filter (where ${reviews.verdict} is null)`.mapWith(Number),
          belowGold:
            filter.excludedAnnotators.length > 0
              ? sql<number>`count(*) filter (where ${inArray(annotations.userId, filter.excludedAnnotators)})`.mapWith(
                  Number,
                )
              : sql<number>`0`.mapWith(Number),
        })
        .from(annotations)
        .innerJoin(items, eq(items.id, annotations.itemId))
        .leftJoin(reviews, eq(reviews.annotationId, annotations.id))
        .where(
          and(
            itemConditions(db, projectId, { ...filter, minAnnotations: 1 }),
            filter.from ? gte(annotations.submittedAt, filter.from) : undefined,
            filter.to ? lt(annotations.submittedAt, filter.to) : undefined,
          ),
        );
      return {
        goldItems: gold?.n ?? 0,
        unannotatedItems: Number(unannotated?.n ?? 0),
        rejectedAnnotations: annotationCounts?.rejected ?? 0,
        unreviewedAnnotations: filter.reviewedOnly ? (annotationCounts?.unreviewed ?? 0) : 0,
        belowGoldAccuracyAnnotations: annotationCounts?.belowGold ?? 0,
      };
    },

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
            itemConditions(db, projectId, filter),
            afterPosition === undefined ? undefined : gt(items.position, afterPosition),
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
          verdict: reviews.verdict,
          correctedAnswers: reviews.correctedAnswers,
        })
        .from(annotations)
        .leftJoin(reviews, eq(reviews.annotationId, annotations.id))
        .where(
          and(
            inArray(annotations.itemId, ids),
            filter.from ? gte(annotations.submittedAt, filter.from) : undefined,
            filter.to ? lt(annotations.submittedAt, filter.to) : undefined,
            // A rejected annotation is never data; unreviewed ones are unless only reviewed work is asked for.
            filter.reviewedOnly
              ? inArray(reviews.verdict, ['accepted', 'corrected'])
              : or(isNull(reviews.verdict), ne(reviews.verdict, 'rejected')),
            filter.excludedAnnotators.length > 0
              ? notInArray(annotations.userId, filter.excludedAnnotators)
              : undefined,
          ),
        )
        .orderBy(asc(annotations.submittedAt), asc(annotations.id));
      const outputRows = await db
        .select({
          itemId: itemOutputs.itemId,
          id: itemOutputs.outputId,
          model: itemOutputs.model,
          content: itemOutputs.content,
          score: itemOutputs.score,
          provenance: itemOutputs.provenance,
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
      for (const { itemId, verdict, correctedAnswers, answers, ...annotation } of annotationRows) {
        const corrected = verdict === 'corrected' ? correctedAnswers : null;
        byId.get(itemId)?.annotations.push({
          ...annotation,
          answers: filter.preferCorrected && corrected ? corrected : answers,
          storedAnswers: answers,
          review: verdict === 'accepted' || verdict === 'corrected' ? verdict : null,
          correctedAnswers: corrected,
        });
      }
      for (const { itemId, provenance, ...output } of outputRows) {
        byId.get(itemId)?.outputs.push(provenance ? { ...output, provenance: { ...provenance } } : output);
      }
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
