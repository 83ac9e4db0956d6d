import type { Answers } from '@feedbench/shared';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { annotations, items } from '../../db/schema/index.ts';

/** A submitted annotation as agreement reads it: who answered what on which item, in what order it was shown, when. */
export interface SubmittedAnnotation {
  itemId: string;
  itemExternalId: string;
  /** When the item's import ran: one import is one transaction, so its items share this time (its batch). */
  itemImportedAt: Date;
  userId: string;
  answers: Answers;
  /** Output ids in the order they were shown. */
  displayOrder: string[];
  submittedAt: Date;
  timeOnTaskMs: number | null;
}

/** What agreement reads of an annotation (no conversation or output text), joined with its item. */
const SUBMITTED_COLUMNS = {
  itemId: annotations.itemId,
  itemExternalId: items.externalId,
  itemImportedAt: items.createdAt,
  userId: annotations.userId,
  answers: annotations.answers,
  displayOrder: annotations.displayOrder,
  submittedAt: annotations.submittedAt,
  timeOnTaskMs: annotations.timeOnTaskMs,
};

export function createAgreementRepository(db: Executor) {
  return {
    /**
     * Every submitted annotation of a project (one query; the report needs them all at once). Only the columns
     * agreement uses: no conversation or output text.
     */
    async submitted(projectId: string): Promise<SubmittedAnnotation[]> {
      return db
        .select(SUBMITTED_COLUMNS)
        .from(annotations)
        .innerJoin(items, eq(items.id, annotations.itemId))
        .where(eq(annotations.projectId, projectId))
        .orderBy(asc(annotations.itemId), asc(annotations.submittedAt), asc(annotations.id));
    },

    /**
     * The drill-down: one annotator's or one item's submitted annotations in a project, newest first, at most
     * `limit` (the caller asks for one more to know whether there were more).
     */
    async annotationsOf(
      projectId: string,
      filter: { annotatorId?: string; itemId?: string },
      limit: number,
    ): Promise<(SubmittedAnnotation & { id: string })[]> {
      return db
        .select({ id: annotations.id, ...SUBMITTED_COLUMNS })
        .from(annotations)
        .innerJoin(items, eq(items.id, annotations.itemId))
        .where(
          and(
            eq(annotations.projectId, projectId),
            filter.annotatorId === undefined ? undefined : eq(annotations.userId, filter.annotatorId),
            filter.itemId === undefined ? undefined : eq(annotations.itemId, filter.itemId),
          ),
        )
        .orderBy(desc(annotations.submittedAt), desc(annotations.id))
        .limit(limit);
    },
  };
}
export type AgreementRepository = ReturnType<typeof createAgreementRepository>;
