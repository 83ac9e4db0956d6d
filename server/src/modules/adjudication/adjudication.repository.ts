import type { Answers, Message } from '@feedbench/shared';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { adjudications, annotations, itemOutputs, items, reviews, users } from '../../db/schema/index.ts';

export type AdjudicationRow = typeof adjudications.$inferSelect & { adjudicatorEmail: string | null };

/**
 * Adjudications, and the read side of the disagreement queue. The queue reads annotations with their review verdicts
 * in one query: no service of those modules offers "every scored answer of a project", so this read-only query lives
 * here (as the review queue's does).
 */
export function createAdjudicationRepository(db: Executor) {
  const adjudicationColumns = {
    itemId: adjudications.itemId,
    projectId: adjudications.projectId,
    answers: adjudications.answers,
    templateVersion: adjudications.templateVersion,
    adjudicatorId: adjudications.adjudicatorId,
    adjudicatedAt: adjudications.adjudicatedAt,
    revision: adjudications.revision,
    adjudicatorEmail: users.email,
  };
  return {
    /** Every annotation of the project with its item and verdict, grouped by item, oldest first within an item. */
    async annotationsWithVerdicts(projectId: string, itemId?: string) {
      return db
        .select({
          annotationId: annotations.id,
          itemId: annotations.itemId,
          itemExternalId: items.externalId,
          answers: annotations.answers,
          submittedAt: annotations.submittedAt,
          verdict: reviews.verdict,
          correctedAnswers: reviews.correctedAnswers,
        })
        .from(annotations)
        .innerJoin(items, eq(items.id, annotations.itemId))
        .leftJoin(reviews, eq(reviews.annotationId, annotations.id))
        .where(and(eq(annotations.projectId, projectId), itemId ? eq(annotations.itemId, itemId) : undefined))
        .orderBy(asc(annotations.itemId), asc(annotations.submittedAt), asc(annotations.id));
    },
    async findItem(projectId: string, itemId: string) {
      const [row] = await db
        .select({ id: items.id, externalId: items.externalId, conversation: items.conversation })
        .from(items)
        .where(and(eq(items.id, itemId), eq(items.projectId, projectId)));
      return row as { id: string; externalId: string; conversation: Message[] } | undefined;
    },
    /** The item's outputs in import order (the order adjudicated answers name them in). */
    outputsOf(itemId: string) {
      return db
        .select({ id: itemOutputs.outputId, content: itemOutputs.content })
        .from(itemOutputs)
        .where(eq(itemOutputs.itemId, itemId))
        .orderBy(asc(itemOutputs.position));
    },
    async find(itemId: string): Promise<AdjudicationRow | undefined> {
      const [row] = await db
        .select(adjudicationColumns)
        .from(adjudications)
        .leftJoin(users, eq(users.id, adjudications.adjudicatorId))
        .where(eq(adjudications.itemId, itemId));
      return row;
    },
    /** When each adjudicated item of the project was last adjudicated. */
    async adjudicatedAt(projectId: string): Promise<Map<string, Date>> {
      const rows = await db
        .select({ itemId: adjudications.itemId, at: adjudications.adjudicatedAt })
        .from(adjudications)
        .where(eq(adjudications.projectId, projectId));
      return new Map(rows.map((r) => [r.itemId, r.at]));
    },
    async answersOf(projectId: string) {
      return db
        .select({ itemId: adjudications.itemId, answers: adjudications.answers })
        .from(adjudications)
        .where(eq(adjudications.projectId, projectId));
    },
    /** Insert, or replace the item's adjudication and count the revision up, in one statement. */
    async upsert(values: {
      itemId: string;
      projectId: string;
      answers: Answers;
      templateVersion: number;
      adjudicatorId: string;
      adjudicatedAt: Date;
    }): Promise<{ revision: number }> {
      const [row] = await db
        .insert(adjudications)
        .values(values)
        .onConflictDoUpdate({
          target: adjudications.itemId,
          set: {
            answers: values.answers,
            templateVersion: values.templateVersion,
            adjudicatorId: values.adjudicatorId,
            adjudicatedAt: values.adjudicatedAt,
            revision: sql`${adjudications.revision} + 1`,
          },
        })
        .returning({ revision: adjudications.revision });
      if (!row) throw new Error('adjudication upsert returned no row');
      return row;
    },
  };
}
export type AdjudicationRepository = ReturnType<typeof createAdjudicationRepository>;
