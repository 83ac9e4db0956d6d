import {
  type AnnotatorGoldAccuracy,
  type Answers,
  belowGoldThreshold,
  checkAnswers,
  type GoldCandidateListQuery,
  type GoldCandidateListResponse,
  type GoldItemListQuery,
  type GoldItemListResponse,
  type GoldSettings,
  type GoldSettingsBody,
  goldAccuracy,
  goldPauseReason,
  goldSettingsBody,
  goldSettingsSchema,
  type Question,
  scoreAnnotation,
  shouldAutoPause,
} from '@feedbench/shared';
import type { Database, Tx } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { decodeCursor, pageOf } from '../../lib/keyset.ts';
import { type AuditRecorder, SYSTEM_ACTOR } from '../audit/audit.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { ItemsService } from '../items/items.service.ts';
import type { ProjectEvents } from '../live/project-events.ts';
import { createProjectsRepository } from '../projects/projects.repository.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import { goldErrors } from './gold.errors.ts';
import { createGoldRepository } from './gold.repository.ts';

interface Deps {
  db: Database;
  clock: Clock;
  projects: Pick<ProjectsService, 'accessAsResearcher'>;
  items: Pick<ItemsService, 'outputsOf'>;
  /**
   * Moves an item's slots out of (gold) or back into the regular pool; the assignment module owns the slots. Runs in
   * the caller's transaction, so an item is gold exactly when its reference answers exist.
   */
  setItemGold?: (itemId: string, gold: boolean, tx: Tx) => Promise<void>;
  /**
   * Gives back the slots of an annotator's leases in the project (the one held and the one prepared): a paused
   * annotator can use neither, and without this their items would wait for the leases to expire.
   */
  releaseLeasesOf?: (userId: string, projectId: string) => Promise<number>;
  audit: AuditRecorder;
  events: Pick<ProjectEvents, 'publish'>;
}

/** The gold item that was just answered, as the annotations service's afterSubmit hook reports it. */
export interface SubmittedAnnotation {
  projectId: string;
  itemId: string;
  userId: string;
  /** It filled a gold slot (the item was gold when the answer was stored). */
  gold: boolean;
}

/**
 * Gold (control) items: researchers give reference answers for some items; every annotation on such an item is
 * scored against them (shared/gold), each annotator's accuracy is the mean score, and annotators who fall below the
 * project's threshold are paused when the project asks for it. Annotators never learn which items are gold.
 */
export function createGoldService({ db, clock, projects, items, setItemGold, releaseLeasesOf, audit, events }: Deps) {
  const repository = createGoldRepository(db);
  // Members' paused state and `settings.gold` are the projects module's rows: gold changes them through its repository.
  const projectRows = createProjectsRepository(db);

  async function itemOf(projectId: string, itemId: string) {
    const item = await repository.findItem(itemId);
    if (!item || item.projectId !== projectId) throw goldErrors.itemNotFound();
    return item;
  }

  async function mark(user: SessionUser, projectId: string, itemId: string, answers: Answers) {
    const project = await projects.accessAsResearcher(user, projectId);
    await itemOf(projectId, itemId);
    const outputIds = (await items.outputsOf(itemId)).map((o) => o.outputId);
    const problems = checkAnswers(project.settings.questions, outputIds, answers);
    if (problems.length > 0) throw goldErrors.invalidAnswers(problems);
    await db.transaction(async (tx) => {
      await createGoldRepository(tx).upsert({ itemId, projectId, answers, createdBy: user.id, createdAt: clock.now() });
      await setItemGold?.(itemId, true, tx);
    });
    await audit.record('gold.mark', user, { projectId, target: itemId });
    events.publish(projectId);
  }

  /** Scores and standings of every annotation on the project's gold items, under the current template. */
  async function scoresOf(projectId: string, questions: Question[], userId?: string, itemIds?: string[], since?: Date) {
    const rows = await repository.goldAnnotations(projectId, userId, itemIds, since);
    return rows.map((row) => ({ ...row, score: scoreAnnotation(questions, row.gold, row.answers) }));
  }

  async function settingsOf(projectId: string): Promise<{ gold: GoldSettings; questions: Question[] }> {
    const settings = await repository.projectSettings(projectId);
    if (!settings) throw goldErrors.itemNotFound();
    return { gold: goldSettingsSchema.parse(settings.gold ?? {}), questions: settings.questions };
  }

  /**
   * Per member: gold answers scored, accuracy, whether below the threshold, paused state. Annotators are listed even
   * before their first gold answer; other roles only once they answered gold. No access check: callers (the route
   * below, the agreement dashboard, exports) check it. Signature kept stable for those callers.
   */
  async function accuracyByAnnotator(projectId: string): Promise<AnnotatorGoldAccuracy[]> {
    const { gold, questions } = await settingsOf(projectId);
    const scores = await scoresOf(projectId, questions);
    const members = await repository.members(projectId);
    return members.flatMap((member) => {
      const standing = goldAccuracy(scores.filter((s) => s.userId === member.userId).map((s) => s.score));
      if (member.role !== 'annotator' && standing.answered === 0) return [];
      return [
        {
          userId: member.userId,
          email: member.email,
          answered: standing.answered,
          accuracy: standing.accuracy,
          belowThreshold: belowGoldThreshold(gold, standing),
          paused: member.pausedAt !== null,
          pausedAt: member.pausedAt?.toISOString() ?? null,
          pausedReason: member.pausedReason,
        },
      ];
    });
  }

  return {
    accuracyByAnnotator,

    /** Annotator id -> accuracy, for annotators with at least one scored gold answer (the exports' filter). */
    async accuracyMap(projectId: string): Promise<Map<string, number>> {
      const rows = await accuracyByAnnotator(projectId);
      return new Map(rows.flatMap((r) => (r.accuracy === null ? [] : [[r.userId, r.accuracy] as const])));
    },

    /** Marks an item gold with reference answers that must be a valid submission for the template. */
    mark,

    /** "Use this annotation as gold": its answers become the item's reference answers. */
    async markFromAnnotation(user: SessionUser, annotationId: string) {
      const annotation = await repository.findAnnotation(annotationId);
      if (!annotation) throw goldErrors.annotationNotFound();
      await mark(user, annotation.projectId, annotation.itemId, annotation.answers);
      return { itemId: annotation.itemId };
    },

    /** Idempotent, like DELETE: unmarking an item that is not gold changes nothing and succeeds. */
    async unmark(user: SessionUser, projectId: string, itemId: string) {
      await projects.accessAsResearcher(user, projectId);
      await itemOf(projectId, itemId);
      const removed = await db.transaction(async (tx) => {
        if (!(await createGoldRepository(tx).remove(itemId))) return false;
        await setItemGold?.(itemId, false, tx);
        return true;
      });
      if (!removed) return;
      await audit.record('gold.unmark', user, { projectId, target: itemId });
      events.publish(projectId);
    },

    /** A keyset page of the gold items, newest marked first, each scored on its own annotations only. */
    async list(user: SessionUser, projectId: string, query: GoldItemListQuery): Promise<GoldItemListResponse> {
      const project = await projects.accessAsResearcher(user, projectId);
      const rows = await repository.listGold(projectId, query.limit + 1, decodeCursor(query.cursor));
      const { page, nextCursor } = pageOf(rows, query.limit, (r) => ({ at: r.createdAtKey, id: r.itemId }));
      const scores = page.length
        ? await scoresOf(
            projectId,
            project.settings.questions,
            undefined,
            page.map((r) => r.itemId),
          )
        : [];
      const byItem = new Map<string, (number | null)[]>();
      for (const s of scores) byItem.set(s.itemId, [...(byItem.get(s.itemId) ?? []), s.score]);
      const items = page.map((row) => {
        const standing = goldAccuracy(byItem.get(row.itemId) ?? []);
        return {
          itemId: row.itemId,
          itemExternalId: row.itemExternalId,
          answers: row.answers,
          createdBy: row.createdBy,
          createdAt: row.createdAt.toISOString(),
          answered: standing.answered,
          meanScore: standing.accuracy,
        };
      });
      return { items, nextCursor };
    },

    /**
     * A page of candidates for gold (see goldCandidateListQuery). `q` is tried as an exact external id first (one
     * index lookup): that item's annotations answer alone, on one page (an item holds a handful). Otherwise `q` is
     * text of the prompt, and its pages follow one another like the unfiltered list's.
     */
    async candidates(
      user: SessionUser,
      projectId: string,
      query: GoldCandidateListQuery,
    ): Promise<GoldCandidateListResponse> {
      await projects.accessAsResearcher(user, projectId);
      const after = decodeCursor(query.cursor);
      const toCandidate = (r: Awaited<ReturnType<typeof repository.candidates>>[number]) => ({
        annotationId: r.annotation_id,
        itemId: r.item_id,
        itemExternalId: r.external_id,
        answers: r.answers,
        submittedAt: new Date(r.submitted_at).toISOString(),
      });
      if (query.q !== undefined && after === undefined) {
        const exact = await repository.candidates(projectId, query.limit, { externalId: query.q });
        if (exact.length > 0) return { candidates: exact.map(toCandidate), nextCursor: null };
      }
      const rows = await repository.candidates(projectId, query.limit + 1, { text: query.q, after });
      const { page, nextCursor } = pageOf(rows, query.limit, (r) => ({ at: r.submitted_key, id: r.annotation_id }));
      return { candidates: page.map(toCandidate), nextCursor };
    },

    async accuracy(user: SessionUser, projectId: string) {
      const project = await projects.accessAsResearcher(user, projectId);
      const [annotators, goldItems] = await Promise.all([
        accuracyByAnnotator(projectId),
        repository.countGold(projectId),
      ]);
      return {
        settings: goldSettingsSchema.parse(project.settings.gold ?? {}),
        goldItems,
        annotators,
      };
    },

    async updateSettings(user: SessionUser, projectId: string, body: GoldSettingsBody) {
      await projects.accessAsResearcher(user, projectId);
      const settings = goldSettingsBody.parse(body);
      await projectRows.setGoldSettings(projectId, settings);
      await audit.record('gold.settings', user, { projectId, details: { ...settings } });
      events.publish(projectId);
      return settings;
    },

    /** A researcher lets a paused annotator work again (audited). */
    async resume(user: SessionUser, projectId: string, userId: string) {
      await projects.accessAsResearcher(user, projectId);
      if (!(await repository.memberRole(projectId, userId))) throw goldErrors.notAnnotator();
      if (!(await projectRows.resumeMember(projectId, userId, clock.now()))) throw goldErrors.notPaused();
      await audit.record('annotator.resume', user, { projectId, target: userId });
      events.publish(projectId);
    },

    /**
     * The annotations service calls this after every committed submit. On a gold item, with auto-pause on, it
     * re-scores the annotator and pauses them once they fall below the threshold: audited as the system, and
     * published on the project's live feed so the researcher's Gold page shows it at once. The annotator's next
     * task request is refused with the stored reason, and the slots of their held and prepared tasks go back to the
     * pool at once.
     */
    async afterSubmit({ projectId, userId, gold: answeredGold }: SubmittedAnnotation) {
      // The submit reports whether it filled a gold slot: marking an item gold turns every slot without an answer
      // gold, leased ones included, so a regular slot is never an answer to gold. Nothing to read for regular work.
      if (!answeredGold) return;
      const { gold, questions } = await settingsOf(projectId);
      if (!gold.autoPause) return;
      // A resumed annotator is judged on what they answered since: a fresh window of `minAnswers` gold answers.
      const since = (await projectRows.resumedAt(projectId, userId)) ?? undefined;
      const standing = goldAccuracy(
        (await scoresOf(projectId, questions, userId, undefined, since)).map((s) => s.score),
      );
      if (!shouldAutoPause(gold, standing)) return;
      const reason = goldPauseReason(gold, standing);
      if (!(await projectRows.pauseMember(projectId, userId, reason, clock.now()))) return;
      await releaseLeasesOf?.(userId, projectId);
      await audit.record('annotator.pause', SYSTEM_ACTOR, {
        projectId,
        target: userId,
        details: { answered: standing.answered, accuracy: standing.accuracy, minAccuracy: gold.minAccuracy },
      });
      events.publish(projectId);
    },
  };
}
export type GoldService = ReturnType<typeof createGoldService>;
