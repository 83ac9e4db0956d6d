import type { Answers } from '@feedbench/shared';
import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { annotations, items } from '../../db/schema/index.ts';

export type AnnotationRow = typeof annotations.$inferSelect;

export function createAnnotationsRepository(db: Executor) {
  return {
    async findByIdempotencyKey(userId: string, key: string): Promise<AnnotationRow | undefined> {
      const [row] = await db
        .select()
        .from(annotations)
        .where(and(eq(annotations.userId, userId), eq(annotations.idempotencyKey, key)));
      return row;
    },
    async findByItemAndUser(itemId: string, userId: string): Promise<AnnotationRow | undefined> {
      const [row] = await db
        .select()
        .from(annotations)
        .where(and(eq(annotations.itemId, itemId), eq(annotations.userId, userId)));
      return row;
    },
    /** A project's annotations, newest first, with the external id of their item. */
    listForProject(projectId: string, limit: number) {
      return db
        .select({ annotation: annotations, itemExternalId: items.externalId })
        .from(annotations)
        .innerJoin(items, eq(items.id, annotations.itemId))
        .where(eq(annotations.projectId, projectId))
        .orderBy(desc(annotations.submittedAt), desc(annotations.id))
        .limit(limit);
    },
    async insert(values: {
      projectId: string;
      itemId: string;
      slotNo: number;
      userId: string;
      leaseId: string;
      idempotencyKey: string;
      answers: Answers;
      displayOrder: string[];
      templateVersion: number;
      guidelinesVersion: number;
      timeOnTaskMs: number | null;
      startedAt: Date;
      submittedAt: Date;
    }): Promise<AnnotationRow> {
      const [row] = await db.insert(annotations).values(values).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },
  };
}
