import { randomUUID } from 'node:crypto';
import {
  type AnnotationListResponse,
  type AnswerProblem,
  type Answers,
  checkAnswers,
  type Question,
  type SkipBody,
  type SubmitBody,
  type SubmitResponse,
  type Task,
  type TaskSuggestion,
} from '@feedbench/shared';
import type { Database, Tx } from '../../db/client.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import { decodeCursor, pageOf } from '../../lib/keyset.ts';
import { assignmentErrors } from '../assignment/assignment.errors.ts';
import type { AssignmentService } from '../assignment/assignment.service.ts';
import { outputLabel } from '../assignment/display-order.ts';
import { createOutputBlindingRepository, outputBlinding } from '../assignment/output-blinding.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { ProjectEvents } from '../live/project-events.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import { annotationErrors } from './annotations.errors.ts';
import { createAnnotationsRepository } from './annotations.repository.ts';

interface Deps {
  db: Database;
  clock: Clock;
  projects: Pick<ProjectsService, 'access' | 'accessAsResearcher'>;
  assignment: AssignmentService;
  events: Pick<ProjectEvents, 'publish'>;
  /**
   * Called after a submit committed (never for a replay). Errors are logged and never fail the submit: the answer is
   * already stored. The gold module evaluates auto-pause here.
   */
  afterSubmit?: (e: { projectId: string; userId: string; itemId: string; gold: boolean }) => Promise<void>;
  log?: (message: string, error: unknown) => void;
  /**
   * Chat projects (modules/chats): the template is answered per turn, so a submit checks the conversation instead of
   * the answers (every turn completed), and closes it inside the submit transaction.
   */
  chatSubmission?: (tx: Tx, lease: { itemId: string; userId: string }) => Promise<AnswerProblem[]>;
  /**
   * A model judge's answer to suggest on a task (the judges module's suggestionFor), in the annotator's blind ids;
   * it records the assignment's experiment arm. Absent: no suggestions.
   */
  suggestionFor?: (input: {
    projectId: string;
    itemId: string;
    userId: string;
    questions: readonly Question[];
    toBlind: (answers: Answers) => Answers;
  }) => Promise<TaskSuggestion | undefined>;
}

/** The annotator's loop: get a task, submit it (exactly once), or skip it. */
export function createAnnotationsService({
  db,
  clock,
  projects,
  assignment,
  events,
  afterSubmit,
  log = (message, error) => console.error(message, error),
  chatSubmission,
  suggestionFor,
}: Deps) {
  type ProjectRow = Awaited<ReturnType<typeof projects.access>>['row'];

  /**
   * Claims (or returns the held) task in a project whose access was already checked. The claim statement reads the
   * item, outputs and draft itself, so nothing is read back here.
   */
  async function taskFor(user: SessionUser, project: ProjectRow): Promise<Task | null> {
    return taskOf(user, project, await assignment.claimNext(user, project));
  }

  /** The prepared task after the held one (assignment.prepareNext), as the page shows it. */
  async function preparedFor(user: SessionUser, project: ProjectRow): Promise<Task | null> {
    return taskOf(user, project, await assignment.prepareNext(user, project));
  }

  async function taskOf(
    user: SessionUser,
    project: ProjectRow,
    claimed: Awaited<ReturnType<AssignmentService['claimNext']>>,
  ): Promise<Task | null> {
    if (!claimed) return null;
    events.publish(project.id);
    const byId = new Map(claimed.outputs.map((o) => [o.id, o]));
    const blinding = outputBlinding(claimed.outputs);
    const suggestion = await suggestionFor?.({
      projectId: project.id,
      itemId: claimed.itemId,
      userId: user.id,
      questions: project.settings.questions,
      toBlind: blinding.blindAnswers,
    });
    return {
      leaseId: claimed.leaseId,
      expiresAt: claimed.expiresAt.toISOString(),
      projectId: project.id,
      kind: project.kind,
      item: { id: claimed.itemId, externalId: claimed.externalId },
      conversation: claimed.conversation,
      // Blind: the model name and the real output id stay on the server (see output-blinding.ts).
      outputs: claimed.displayOrder.flatMap((id, position) => {
        const output = byId.get(id);
        return output ? [{ id: output.blindId, label: outputLabel(position), content: output.content }] : [];
      }),
      questions: project.settings.questions,
      draft: claimed.draft
        ? { answers: blinding.blindAnswers(claimed.draft.answers), updatedAt: claimed.draft.updatedAt.toISOString() }
        : null,
      ...(suggestion ? { suggestion } : {}),
    };
  }

  return {
    async nextTask(user: SessionUser, projectId: string): Promise<Task | null> {
      const { row: project } = await projects.access(user, projectId);
      return taskFor(user, project);
    },

    async preparedTask(user: SessionUser, projectId: string): Promise<Task | null> {
      const { row: project } = await projects.access(user, projectId);
      return preparedFor(user, project);
    },

    async heartbeat(user: SessionUser, leaseId: string) {
      const { project } = await assignment.leaseOf(user, leaseId, async (projectId) => {
        const { row } = await projects.access(user, projectId);
        return row;
      });
      const expiresAt = await assignment.heartbeat(user, leaseId, project.settings.leaseMinutes);
      return { expiresAt: expiresAt.toISOString() };
    },

    /**
     * Stores the annotation exactly once. The lease row lock serializes submits of one task, so a retry (same
     * idempotency key) waits for the first and then returns its result without writing anything.
     */
    async submit(user: SessionUser, leaseId: string, body: SubmitBody): Promise<SubmitResponse> {
      // The lease lock comes first (it also finds the lease's project); access is checked after it, inside.
      const result = await db.transaction(async (tx) => {
        const lease = await assignment.lockLeaseForSubmit(tx, user, leaseId);
        const { row: project } = await projects.access(user, lease.projectId, tx);
        const repo = createAnnotationsRepository(tx);
        const done = { project, itemId: lease.itemId };
        const replay = (annotationId: string) => ({ ...done, annotationId, replayed: true, gold: false });

        // Checked as the annotator answered, in blind ids (problems name what they saw), then stored with real ids.
        const blinding = await createOutputBlindingRepository(tx).of(lease.itemId);
        const shownOrder = lease.displayOrder.map((id) => blinding.toBlind(id) ?? id);
        // A closed lease or invalid answers write nothing: a retry of an earlier send still gets its first result.
        const problems =
          project.kind === 'chat'
            ? chatSubmission
              ? await chatSubmission(tx, lease)
              : [{ path: ['conversation'], message: 'live chat is not available on this server' }]
            : checkAnswers(project.settings.questions, shownOrder, body.answers);
        if (lease.state === 'submitted' || lease.state === 'skipped' || problems.length > 0) {
          const prior = await repo.priorSubmission(user.id, body.idempotencyKey, lease.itemId);
          if (prior.replayId) return replay(prior.replayId);
          if (lease.state === 'submitted') throw assignmentErrors.leaseClosed('submitted');
          if (prior.annotated) throw assignmentErrors.alreadyAnnotated();
          if (lease.state === 'skipped') throw assignmentErrors.leaseClosed('skipped');
          throw annotationErrors.invalidAnswers(problems);
        }

        // A late submit (lease expired) still lands if the item has a free slot; otherwise 409, and the client keeps
        // the text as a draft (PEERS.md: Open-Assistant lost such answers).
        const annotationId = randomUUID();
        const stored = await repo.storeSubmission({
          id: annotationId,
          projectId: lease.projectId,
          itemId: lease.itemId,
          slotNo: lease.slotNo,
          userId: user.id,
          leaseId: lease.id,
          idempotencyKey: body.idempotencyKey,
          // A conversation's answers live in its turns (chat_turns): the annotation only marks the task done.
          answers: project.kind === 'chat' ? {} : blinding.realAnswers(body.answers),
          displayOrder: lease.displayOrder,
          templateVersion: project.templateVersion,
          guidelinesVersion: project.guidelinesVersion,
          timeOnTaskMs: body.timeOnTaskMs ?? null,
          startedAt: lease.createdAt,
          submittedAt: clock.now(),
        });
        if (stored.outcome === 'replay') return replay(stored.annotationId);
        if (stored.outcome === 'annotated') throw assignmentErrors.alreadyAnnotated();
        if (stored.outcome === 'full') throw assignmentErrors.overlapFull();
        return { ...done, annotationId, replayed: false, gold: stored.gold };
      });
      const { project } = result;
      const projectId = project.id;
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
      if (!body.claimNext) return response;
      // After commit: the claim sees this item done and the lease closed, as a separate tasks/next call would.
      try {
        const next = await taskFor(user, project);
        // Prepared after `next` is held, so it is the task after that one.
        return body.prepareNext && next
          ? { ...response, next, prepared: await preparedFor(user, project) }
          : { ...response, next };
      } catch (error) {
        // The answer is stored: acknowledge it. Without `next` the page asks tasks/next itself and shows the pause.
        if (error instanceof AppError && error.code === 'assignment.annotator_paused') return response;
        throw error;
      }
    },

    async skip(user: SessionUser, leaseId: string, body: SkipBody) {
      events.publish(
        await assignment.skip(user, leaseId, body, (projectId, tx) => projects.access(user, projectId, tx)),
      );
    },

    /** Stored annotations of a project for its researchers, newest first, a keyset page at a time. */
    async list(
      user: SessionUser,
      projectId: string,
      query: { limit: number; cursor?: string },
    ): Promise<AnnotationListResponse> {
      await projects.accessAsResearcher(user, projectId);
      const rows = await createAnnotationsRepository(db).listForProject(
        projectId,
        query.limit + 1,
        decodeCursor(query.cursor),
      );
      const { page, nextCursor } = pageOf(rows, query.limit, (r) => ({ at: r.submittedAtKey, id: r.annotation.id }));
      return {
        annotations: page.map(({ annotation: a, itemExternalId }) => ({
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
        })),
        nextCursor,
      };
    },

    isAnnotated: async (itemId: string, userId: string) =>
      (await createAnnotationsRepository(db).findByItemAndUser(itemId, userId)) !== undefined,
  };
}
export type AnnotationsService = ReturnType<typeof createAnnotationsService>;
