import type { Answers } from '@feedbench/shared';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { drafts } from '../../db/schema/index.ts';

export function createDraftsRepository(db: Executor) {
  return {
    async upsert(values: { itemId: string; userId: string; projectId: string; answers: Answers; updatedAt: Date }) {
      await db
        .insert(drafts)
        .values(values)
        .onConflictDoUpdate({
          target: [drafts.itemId, drafts.userId],
          set: { answers: values.answers, updatedAt: values.updatedAt },
        });
    },
    async find(itemId: string, userId: string) {
      const [row] = await db
        .select({ answers: drafts.answers, updatedAt: drafts.updatedAt })
        .from(drafts)
        .where(and(eq(drafts.itemId, itemId), eq(drafts.userId, userId)));
      return row;
    },
  };
}
