import {
  type Answers,
  checkAnswers,
  type DiffPart,
  type Review,
  type ReviewBody,
  type ReviewListResponse,
  type ReviewQueueEntry,
  wordDiff,
} from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { decodeCursor, pageOf } from '../../lib/keyset.ts';
import type { AssignmentService } from '../assignment/assignment.service.ts';
import { createOutputBlindingRepository } from '../assignment/output-blinding.ts';
import type { AuditRecorder } from '../audit/audit.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import { reviewErrors } from './review.errors.ts';
import { createReviewRepository, type ReviewRow } from './review.repository.ts';

interface Deps {
  db: Database;
  clock: Clock;
  projects: Pick<ProjectsService, 'access'>;
  /** A rejection sends its item back to the pool: one more regular slot, so another annotator replaces the answer. */
  assignment: Pick<AssignmentService, 'reopenItem'>;
  audit: AuditRecorder;
}

/** Word diffs of every demonstration the reviewer corrected, keyed by question id. */
function diffsOf(original: Answers, corrected: Answers | null): Record<string, DiffPart[]> {
  const diffs: Record<string, DiffPart[]> = {};
  for (const [questionId, answer] of Object.entries(corrected ?? {})) {
    const before = original[questionId];
    if (answer.type === 'demonstration' && before?.type === 'demonstration') {
      diffs[questionId] = wordDiff(before.text, answer.text);
    }
  }
  return diffs;
}

function toReview(row: ReviewRow, original: { answers: Answers; itemExternalId: string }): Review {
  return {
    id: row.id,
    annotationId: row.annotationId,
    itemId: row.itemId,
    itemExternalId: original.itemExternalId,
    originalAnswers: original.answers,
    verdict: row.verdict,
    comment: row.comment,
    correctedAnswers: row.correctedAnswers,
    diffs: diffsOf(original.answers, row.correctedAnswers),
    reviewedAt: row.createdAt.toISOString(),
  };
}

/**
 * The review stage: reviewers (and researchers) take annotations oldest first and accept, reject with a comment, or
 * correct them; annotators read the verdicts on their own work. The original annotation is never changed.
 */
export function createReviewService({ db, clock, projects, assignment, audit }: Deps) {
  const repository = createReviewRepository(db);

  async function accessAsReviewer(user: SessionUser, projectId: string) {
    const { row, role } = await projects.access(user, projectId);
    if (role !== 'reviewer' && role !== 'researcher') throw reviewErrors.reviewersOnly();
    return row;
  }

  async function withOriginals(rows: ReviewRow[]): Promise<Review[]> {
    return Promise.all(
      rows.map(async (row) => {
        const annotation = await repository.findAnnotation(row.annotationId);
        return toReview(row, annotation ?? { answers: {}, itemExternalId: '' });
      }),
    );
  }

  async function reviewPage(projectId: string, query: ReviewPageQuery, annotatorId?: string) {
    const rows = await repository.listForProject(
      projectId,
      { limit: query.limit + 1, after: decodeCursor(query.cursor) },
      annotatorId,
    );
    const { page, nextCursor } = pageOf(rows, query.limit, (r) => ({ at: r.createdAtKey, id: r.review.id }));
    return { reviews: await withOriginals(page.map((r) => r.review)), nextCursor };
  }

  return {
    async queue(user: SessionUser, projectId: string, limit: number): Promise<ReviewQueueEntry[]> {
      await accessAsReviewer(user, projectId);
      const rows = await repository.queue(projectId, user.id, limit);
      const outputs = await repository.outputsOf([...new Set(rows.map((r) => r.itemId))]);
      return rows.map((r) => ({
        annotationId: r.annotationId,
        itemId: r.itemId,
        itemExternalId: r.itemExternalId,
        conversation: r.conversation,
        // In the order this annotator saw them, without model names (reviewers judge the answer, not the model).
        outputs: r.displayOrder.flatMap((id) => {
          const output = outputs.find((o) => o.itemId === r.itemId && o.id === id);
          return output ? [{ id: output.id, content: output.content }] : [];
        }),
        answers: r.answers,
        submittedAt: r.submittedAt.toISOString(),
      }));
    },

    async review(user: SessionUser, annotationId: string, body: ReviewBody): Promise<Review> {
      const annotation = await repository.findAnnotation(annotationId);
      if (!annotation) throw reviewErrors.annotationNotFound();
      const project = await accessAsReviewer(user, annotation.projectId);
      if (annotation.userId === user.id) throw reviewErrors.ownWork();
      const correctedAnswers = body.verdict === 'corrected' ? body.correctedAnswers : null;
      if (correctedAnswers) {
        const problems = checkAnswers(project.settings.questions, annotation.displayOrder, correctedAnswers);
        if (problems.length > 0) throw reviewErrors.invalidCorrection(problems);
      }
      // One transaction: a rejection and the slot that replaces the rejected answer land together or not at all.
      const row = await db.transaction(async (tx) => {
        const inserted = await createReviewRepository(tx).insert({
          annotationId,
          projectId: annotation.projectId,
          itemId: annotation.itemId,
          annotatorId: annotation.userId,
          reviewerId: user.id,
          verdict: body.verdict,
          comment: body.comment || null,
          correctedAnswers,
          createdAt: clock.now(),
        });
        if (!inserted) throw reviewErrors.alreadyReviewed();
        // The rejected annotation stays stored (and keeps its annotator off the item for good, by the unique
        // (item, annotator) key); the new slot lets someone else supply the replacement.
        if (inserted.verdict === 'rejected') await assignment.reopenItem(inserted.itemId, tx);
        return inserted;
      });
      await audit.record('review.verdict', user, {
        projectId: annotation.projectId,
        target: annotationId,
        details: { verdict: row.verdict },
      });
      return toReview(row, annotation);
    },

    /** Every verdict in the project, for researchers and reviewers: newest first, a keyset page at a time. */
    async list(user: SessionUser, projectId: string, query: ReviewPageQuery): Promise<ReviewListResponse> {
      await accessAsReviewer(user, projectId);
      return reviewPage(projectId, query);
    },

    /** The verdicts on the caller's own annotations: what an annotator sees as feedback (never others' work). */
    async mine(user: SessionUser, projectId: string, query: ReviewPageQuery): Promise<ReviewListResponse> {
      await projects.access(user, projectId);
      const page = await reviewPage(projectId, query, user.id);
      // The annotator's own view is blind like their tasks: output ids as they saw them (see output-blinding.ts).
      const blindings = await createOutputBlindingRepository(db).ofItems([
        ...new Set(page.reviews.map((r) => r.itemId)),
      ]);
      const reviews = page.reviews.map((r) => {
        const blinding = blindings.get(r.itemId);
        if (!blinding) return r;
        return {
          ...r,
          originalAnswers: blinding.blindAnswers(r.originalAnswers),
          correctedAnswers: r.correctedAnswers && blinding.blindAnswers(r.correctedAnswers),
        };
      });
      return { ...page, reviews };
    },
  };
}
export type ReviewService = ReturnType<typeof createReviewService>;

interface ReviewPageQuery {
  limit: number;
  cursor?: string;
}
