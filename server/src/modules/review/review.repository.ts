import type { Answers, Message, ReviewVerdict } from '@feedbench/shared';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { annotations, itemOutputs, items, reviews } from '../../db/schema/index.ts';
import type { KeysetPosition } from '../../lib/keyset.ts';

export type ReviewRow = typeof reviews.$inferSelect;

/**
 * Reviews, and the read side of the queue. The queue joins annotations and items with reviews: no service of those
 * modules offers "annotations without a verdict, with their item", so this read-only query lives here.
 */
export function createReviewRepository(db: Executor) {
  return {
    async findAnnotation(annotationId: string) {
      const [row] = await db
        .select({
          id: annotations.id,
          projectId: annotations.projectId,
          itemId: annotations.itemId,
          userId: annotations.userId,
          answers: annotations.answers,
          displayOrder: annotations.displayOrder,
          itemExternalId: items.externalId,
        })
        .from(annotations)
        .innerJoin(items, eq(items.id, annotations.itemId))
        .where(eq(annotations.id, annotationId));
      return row;
    },
    /** Oldest unreviewed first; a reviewer's own annotations are left out. */
    async queue(projectId: string, reviewerId: string, limit: number) {
      const rows = await db
        .select({
          annotationId: annotations.id,
          itemId: items.id,
          itemExternalId: items.externalId,
          conversation: items.conversation,
          answers: annotations.answers,
          displayOrder: annotations.displayOrder,
          userId: annotations.userId,
          submittedAt: annotations.submittedAt,
        })
        .from(annotations)
        .innerJoin(items, eq(items.id, annotations.itemId))
        .leftJoin(reviews, eq(reviews.annotationId, annotations.id))
        .where(and(eq(annotations.projectId, projectId), isNull(reviews.id)))
        .orderBy(asc(annotations.submittedAt), asc(annotations.id))
        .limit(limit + 50);
      return rows.filter((r) => r.userId !== reviewerId).slice(0, limit) as (Omit<
        (typeof rows)[number],
        'conversation'
      > & {
        conversation: Message[];
      })[];
    },
    async outputsOf(itemIds: string[]) {
      if (itemIds.length === 0) return [];
      return db
        .select({ itemId: itemOutputs.itemId, id: itemOutputs.outputId, content: itemOutputs.content })
        .from(itemOutputs)
        .where(inArray(itemOutputs.itemId, itemIds))
        .orderBy(asc(itemOutputs.position));
    },
    /** Undefined when the annotation already has a verdict (unique key): the caller answers 409. */
    async insert(values: {
      annotationId: string;
      projectId: string;
      itemId: string;
      annotatorId: string;
      reviewerId: string;
      verdict: ReviewVerdict;
      comment: string | null;
      correctedAnswers: Answers | null;
      createdAt: Date;
    }): Promise<ReviewRow | undefined> {
      const [row] = await db.insert(reviews).values(values).onConflictDoNothing().returning();
      return row;
    },
    /** Newest first, `limit` rows after the keyset position `after` (never OFFSET). */
    listForProject(projectId: string, page: { limit: number; after?: KeysetPosition }, annotatorId?: string) {
      const after = page.after;
      return db
        .select({ review: reviews, createdAtKey: sql<string>`${reviews.createdAt}::text` })
        .from(reviews)
        .where(
          and(
            eq(reviews.projectId, projectId),
            annotatorId ? eq(reviews.annotatorId, annotatorId) : undefined,
            after
              ? sql`(${reviews.createdAt}, ${reviews.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(desc(reviews.createdAt), desc(reviews.id))
        .limit(page.limit);
    },
  };
}
