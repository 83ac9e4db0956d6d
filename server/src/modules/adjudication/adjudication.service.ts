import {
  type AdjudicateBody,
  type Adjudication,
  type AdjudicationItem,
  type Answers,
  checkAnswers,
  compareIds,
  type DisagreementEntry,
  type DisagreementQueueResponse,
} from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { decodeKey, pageByKey } from '../../lib/keyset.ts';
import type { AuditRecorder } from '../audit/audit.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import { adjudicationErrors } from './adjudication.errors.ts';
import { type AdjudicationRow, createAdjudicationRepository } from './adjudication.repository.ts';
import { itemDisagreement, mainQuestion } from './item-disagreement.ts';

interface Deps {
  db: Database;
  clock: Clock;
  projects: Pick<ProjectsService, 'access'>;
  audit: AuditRecorder;
}

type AnnotationWithVerdict = Awaited<
  ReturnType<ReturnType<typeof createAdjudicationRepository>['annotationsWithVerdicts']>
>[number];

/** The answers that count for disagreement: rejected annotations are out, corrected ones count as corrected. */
function scoredAnswers(annotation: AnnotationWithVerdict): Answers | undefined {
  if (annotation.verdict === 'rejected') return undefined;
  return annotation.correctedAnswers ?? annotation.answers;
}

function toAdjudication(row: AdjudicationRow): Adjudication {
  return {
    itemId: row.itemId,
    answers: row.answers,
    templateVersion: row.templateVersion,
    adjudicatorEmail: row.adjudicatorEmail,
    adjudicatedAt: row.adjudicatedAt.toISOString(),
    revision: row.revision,
  };
}

/**
 * The disagreement queue and adjudication: reviewers and researchers see the items whose annotators disagree most,
 * each with every annotation side by side, and store one adjudicated answer per item. Annotations are never changed.
 */
export function createAdjudicationService({ db, clock, projects, audit }: Deps) {
  const repository = createAdjudicationRepository(db);

  async function accessAsReviewer(user: SessionUser, projectId: string) {
    const { row, role } = await projects.access(user, projectId);
    if (role !== 'reviewer' && role !== 'researcher') throw adjudicationErrors.reviewersOnly();
    return row;
  }

  return {
    /**
     * Items with two or more scored annotations, worst disagreement first (ties: more annotations, then id), a keyset
     * page at a time: the cursor is the last entry's sort key, so an adjudication or a new annotation between pages
     * neither repeats nor skips an entry that kept its place. Disagreement is computed from the answers, so each page
     * reads the project's annotations once (linear in annotations, as the agreement report; never in items).
     */
    async queue(
      user: SessionUser,
      projectId: string,
      options: { limit: number; pending: boolean; cursor?: string },
    ): Promise<DisagreementQueueResponse> {
      const project = await accessAsReviewer(user, projectId);
      const after = decodeKey(options.cursor, ['number', 'integer', 'text'] as const);
      const question = mainQuestion(project.settings.questions);
      if (!question) return { question: null, entries: [], nextCursor: null };
      const [rows, adjudicated] = await Promise.all([
        repository.annotationsWithVerdicts(project.id),
        repository.adjudicatedAt(project.id),
      ]);
      const entries: DisagreementEntry[] = [];
      for (let start = 0; start < rows.length; ) {
        let end = start;
        while (end < rows.length && rows[end]?.itemId === rows[start]?.itemId) end++;
        const group = rows.slice(start, end);
        start = end;
        const answers = group.map((a) => scoredAnswers(a)?.[question.id]);
        const scored = answers.filter((a) => a?.type === question.type).length;
        const disagreement = itemDisagreement(question, answers);
        const first = group[0] as AnnotationWithVerdict;
        const at = adjudicated.get(first.itemId);
        if (scored < 2 || Number.isNaN(disagreement) || (options.pending && at)) continue;
        entries.push({
          itemId: first.itemId,
          itemExternalId: first.itemExternalId,
          annotations: scored,
          disagreement,
          adjudicatedAt: at?.toISOString() ?? null,
        });
      }
      const order = (
        a: Pick<DisagreementEntry, 'disagreement' | 'annotations' | 'itemExternalId'>,
        b: Pick<DisagreementEntry, 'disagreement' | 'annotations' | 'itemExternalId'>,
      ) =>
        b.disagreement - a.disagreement ||
        b.annotations - a.annotations ||
        compareIds(a.itemExternalId, b.itemExternalId);
      const from = after && { disagreement: after[0], annotations: after[1], itemExternalId: after[2] };
      const rest = (from ? entries.filter((entry) => order(entry, from) > 0) : entries).sort(order);
      const { page, nextCursor } = pageByKey(rest, options.limit, (e) => [
        e.disagreement,
        e.annotations,
        e.itemExternalId,
      ]);
      return { question: { id: question.id, type: question.type, label: question.label }, entries: page, nextCursor };
    },

    /** One item with every annotation side by side (annotators numbered, not named) and its adjudication if any. */
    async item(user: SessionUser, projectId: string, itemId: string): Promise<AdjudicationItem> {
      const project = await accessAsReviewer(user, projectId);
      const item = await repository.findItem(project.id, itemId);
      if (!item) throw adjudicationErrors.itemNotFound();
      const [outputs, annotations, adjudication] = await Promise.all([
        repository.outputsOf(item.id),
        repository.annotationsWithVerdicts(project.id, item.id),
        repository.find(item.id),
      ]);
      const question = mainQuestion(project.settings.questions);
      const disagreement = question
        ? itemDisagreement(
            question,
            annotations.map((a) => scoredAnswers(a)?.[question.id]),
          )
        : Number.NaN;
      return {
        itemId: item.id,
        itemExternalId: item.externalId,
        conversation: item.conversation,
        outputs,
        questions: project.settings.questions,
        disagreement: Number.isNaN(disagreement) ? null : disagreement,
        annotations: annotations.map((a, i) => ({
          annotationId: a.annotationId,
          annotator: `Annotator ${i + 1}`,
          answers: a.correctedAnswers ?? a.answers,
          verdict: a.verdict,
          submittedAt: a.submittedAt.toISOString(),
        })),
        adjudication: adjudication ? toAdjudication(adjudication) : null,
      };
    },

    /** Stores (or replaces) the item's adjudicated answer, checked against the template like a submission. */
    async adjudicate(user: SessionUser, projectId: string, itemId: string, body: AdjudicateBody) {
      const project = await accessAsReviewer(user, projectId);
      const item = await repository.findItem(project.id, itemId);
      if (!item) throw adjudicationErrors.itemNotFound();
      const outputIds = (await repository.outputsOf(item.id)).map((o) => o.id);
      const problems = checkAnswers(project.settings.questions, outputIds, body.answers);
      if (problems.length > 0) throw adjudicationErrors.invalidAnswers(problems);
      await repository.upsert({
        itemId: item.id,
        projectId: project.id,
        answers: body.answers,
        templateVersion: project.templateVersion,
        adjudicatorId: user.id,
        adjudicatedAt: clock.now(),
      });
      const saved = toAdjudication((await repository.find(item.id)) as AdjudicationRow);
      await audit.record('adjudication.save', user, {
        projectId: project.id,
        target: item.id,
        details: { revision: saved.revision },
      });
      return saved;
    },

    /**
     * The adjudicated answers of a project by item id, for exports that prefer them over the annotators' answers.
     * No access check: the caller (the exports service) has checked the project already.
     */
    async adjudicatedAnswers(projectId: string): Promise<Map<string, Answers>> {
      const rows = await repository.answersOf(projectId);
      return new Map(rows.map((r) => [r.itemId, r.answers]));
    },
  };
}
export type AdjudicationService = ReturnType<typeof createAdjudicationService>;
