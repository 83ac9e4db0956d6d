import type { Answers } from '@feedbench/shared';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { annotations } from '../../db/schema/index.ts';

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
