import type { Answers } from '@feedbench/shared';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { annotations, items } from '../../db/schema/index.ts';

/** A submitted annotation as agreement reads it: who answered what on which item, in what order it was shown, when. */
export interface SubmittedAnnotation {
  itemId: string;
  itemExternalId: string;
  userId: string;
  answers: Answers;
  /** Output ids in the order they were shown. */
  displayOrder: string[];
  submittedAt: Date;
  timeOnTaskMs: number | null;
}

export function createAgreementRepository(db: Executor) {
  return {
    /**
     * Every submitted annotation of a project (one query; the report needs them all at once). Only the columns
     * agreement uses: no conversation or output text.
     */
    async submitted(projectId: string): Promise<SubmittedAnnotation[]> {
      return db
        .select({
          itemId: annotations.itemId,
          itemExternalId: items.externalId,
          userId: annotations.userId,
          answers: annotations.answers,
          displayOrder: annotations.displayOrder,
          submittedAt: annotations.submittedAt,
          timeOnTaskMs: annotations.timeOnTaskMs,
        })
        .from(annotations)
        .innerJoin(items, eq(items.id, annotations.itemId))
        .where(eq(annotations.projectId, projectId))
        .orderBy(asc(annotations.itemId), asc(annotations.submittedAt), asc(annotations.id));
    },
  };
}
export type AgreementRepository = ReturnType<typeof createAgreementRepository>;
