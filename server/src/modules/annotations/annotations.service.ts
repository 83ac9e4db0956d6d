import {
  checkAnswers,
  type SkipBody,
  type StoredAnnotation,
  type SubmitBody,
  type SubmitResponse,
  type Task,
} from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { assignmentErrors } from '../assignment/assignment.errors.ts';
import type { AssignmentService } from '../assignment/assignment.service.ts';
import { outputLabel } from '../assignment/display-order.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { DraftsService } from '../drafts/drafts.service.ts';
import type { ItemsService } from '../items/items.service.ts';
import type { ProjectEvents } from '../live/project-events.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import { annotationErrors } from './annotations.errors.ts';
import { createAnnotationsRepository } from './annotations.repository.ts';

interface Deps {
  db: Database;
  clock: Clock;
  projects: Pick<ProjectsService, 'access' | 'accessAsResearcher'>;
  items: ItemsService;
  assignment: AssignmentService;
  drafts: Pick<DraftsService, 'find' | 'discard'>;
  events: Pick<ProjectEvents, 'publish'>;
  /**
   * Called after a submit committed (never for a replay). Errors are logged and never fail the submit: the answer is
   * already stored. The gold module evaluates auto-pause here.
   */
  afterSubmit?: (e: { projectId: string; userId: string; itemId: string; gold: boolean }) => Promise<void>;
  log?: (message: string, error: unknown) => void;
}

/** The annotator's loop: get a task, submit it (exactly once), or skip it. */
export function createAnnotationsService({
  db,
  clock,
  projects,
  items,
  assignment,
  drafts,
  events,
  afterSubmit,
  log = (message, error) => console.error(message, error),
}: Deps) {
  type ProjectRow = Awaited<ReturnType<typeof projects.access>>['row'];

  /** Claims (or returns the held) task in a project whose access was already checked. */
  async function taskFor(user: SessionUser, project: ProjectRow): Promise<Task | null> {
    const lease = await assignment.claimNext(user, project);
    if (!lease) return null;
    events.publish(project.id);
    const [item, outputs, draft] = await Promise.all([
      items.findItem(lease.itemId),
      items.outputsOf(lease.itemId),
      drafts.find(lease.itemId, user.id),
    ]);
    if (!item) throw new Error(`lease ${lease.id} points at a missing item`);
    const byId = new Map(outputs.map((o) => [o.outputId, o]));
    return {
      leaseId: lease.id,
      expiresAt: lease.expiresAt.toISOString(),
      projectId: project.id,
      kind: project.kind,
      item: { id: item.id, externalId: item.externalId },
      conversation: item.conversation,
      // Blind: the model name stays on the server.
      outputs: lease.displayOrder.flatMap((id, position) => {
        const output = byId.get(id);
        return output ? [{ id, label: outputLabel(position), content: output.content }] : [];
      }),
      questions: project.settings.questions,
      draft: draft ? { answers: draft.answers, updatedAt: draft.updatedAt.toISOString() } : null,
    };
  }

  return {
    async nextTask(user: SessionUser, projectId: string): Promise<Task | null> {
      const { row: project } = await projects.access(user, projectId);
      return taskFor(user, project);
    },

    async heartbeat(user: SessionUser, leaseId: string) {
      const lease = await assignment.leaseOf(user, leaseId);
      const { row: project } = await projects.access(user, lease.projectId);
      const expiresAt = await assignment.heartbeat(user, leaseId, project.settings.leaseMinutes);
      return { expiresAt: expiresAt.toISOString() };
    },

    /**
     * Stores the annotation exactly once. The lease row lock serializes submits of one task, so a retry (same
     * idempotency key) waits for the first and then returns its result without writing anything.
     */
    async submit(user: SessionUser, leaseId: string, body: SubmitBody): Promise<SubmitResponse> {
      // Read access outside the transaction: PGlite has one connection, so a query on `db` inside it would wait
      // for the transaction that waits for it.
      const { projectId } = await assignment.leaseOf(user, leaseId);
      const { row: project } = await projects.access(user, projectId);
      const result = await db.transaction(async (tx) => {
        const lease = await assignment.lockLeaseForSubmit(tx, user, leaseId);
        const annotationsRepo = createAnnotationsRepository(tx);
        const replay = await annotationsRepo.findByIdempotencyKey(user.id, body.idempotencyKey);
        if (replay) return { annotationId: replay.id, replayed: true, itemId: lease.itemId, gold: false };
        if (lease.state === 'submitted') throw assignmentErrors.leaseClosed('submitted');
        if (await annotationsRepo.findByItemAndUser(lease.itemId, user.id)) throw assignmentErrors.alreadyAnnotated();

        const problems = checkAnswers(project.settings.questions, lease.displayOrder, body.answers);
        if (problems.length > 0) throw annotationErrors.invalidAnswers(problems);

        const slot = await assignment.takeSlotForSubmit(tx, lease);
        const annotation = await annotationsRepo.insert({
          projectId: lease.projectId,
          itemId: lease.itemId,
          slotNo: slot.slotNo,
          userId: user.id,
          leaseId: lease.id,
          idempotencyKey: body.idempotencyKey,
          answers: body.answers,
          displayOrder: lease.displayOrder,
          templateVersion: project.templateVersion,
          guidelinesVersion: project.guidelinesVersion,
          timeOnTaskMs: body.timeOnTaskMs ?? null,
          startedAt: lease.createdAt,
          submittedAt: clock.now(),
        });
        await assignment.completeSubmit(tx, lease, slot, annotation.id);
        // A gold answer is a control, not progress towards the item's overlap target.
        if (!slot.gold) await items.incrementAnnotationCount(tx, lease.itemId);
        await drafts.discard(tx, lease.itemId, user.id);
        return { annotationId: annotation.id, replayed: false, itemId: lease.itemId, gold: slot.gold };
      });
      if (!result.replayed) {
        // After commit, outside the transaction (PEERS.md: NOTIFY inside it serializes commits).
        events.publish(projectId);
        // Awaited, so a pause it decides applies to the claimNext below; a throw only gets logged.
        if (afterSubmit) {
          const event = { projectId, userId: user.id, itemId: result.itemId, gold: result.gold };
          await Promise.resolve()
            .then(() => afterSubmit(event))
            .catch((error: unknown) => log(`afterSubmit failed for lease ${leaseId}`, error));
        }
      }
      const response = { annotationId: result.annotationId, replayed: result.replayed };
      // After commit: the claim sees this item done and the lease closed, as a separate tasks/next call would.
      return body.claimNext ? { ...response, next: await taskFor(user, project) } : response;
    },

    async skip(user: SessionUser, leaseId: string, body: SkipBody) {
      await assignment.skip(user, leaseId, body);
      events.publish((await assignment.leaseOf(user, leaseId)).projectId);
    },

    /** Stored annotations of a project for its researchers, newest first. */
    async list(user: SessionUser, projectId: string, limit: number): Promise<StoredAnnotation[]> {
      await projects.accessAsResearcher(user, projectId);
      const rows = await createAnnotationsRepository(db).listForProject(projectId, limit);
      return rows.map(({ annotation: a, itemExternalId }) => ({
        id: a.id,
        itemId: a.itemId,
        itemExternalId,
        annotatorId: a.userId,
        answers: a.answers,
        displayOrder: a.displayOrder,
        templateVersion: a.templateVersion,
        guidelinesVersion: a.guidelinesVersion,
        timeOnTaskMs: a.timeOnTaskMs,
        submittedAt: a.submittedAt.toISOString(),
      }));
    },

    isAnnotated: async (itemId: string, userId: string) =>
      (await createAnnotationsRepository(db).findByItemAndUser(itemId, userId)) !== undefined,
  };
}
export type AnnotationsService = ReturnType<typeof createAnnotationsService>;
