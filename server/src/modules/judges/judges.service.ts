import {
  type AnchoringReport,
  type AnnotatorAgreement,
  type Answers,
  type BootstrapOptions,
  type CalibrationReport,
  type CreateJudgeBody,
  type CreateJudgeJobBody,
  createJudgeBody,
  createJudgeJobBody,
  isGoldScored,
  type Judge,
  type JudgeDisagreementItem,
  type JudgeDisagreementsResponse,
  type JudgeJob,
  type Question,
  type SuggestionSettings,
  type TaskSuggestion,
  type UpdateSuggestionSettingsBody,
  updateSuggestionSettingsBody,
} from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { SubmittedAnnotation } from '../agreement/agreement.repository.ts';
import type { AuditRecorder } from '../audit/audit.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { ProjectEvents } from '../live/project-events.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import { anchoringReport } from './judge-anchoring.ts';
import { calibrationReport, judgeAnnotatorRows } from './judge-calibration.ts';
import { answerDisagreement, judgeDisagreementScores, rewardModelAnswers } from './judge-disagreement.ts';
import { DEFAULT_TIMING, type JudgeJobTiming, runJudgeJob } from './judge-jobs.runner.ts';
import { judgeErrors } from './judges.errors.ts';
import { createJudgesRepository, type JudgeJobRow, type JudgeRow } from './judges.repository.ts';
import type { JudgeModels } from './model-client.types.ts';
import { suggestionArm } from './suggestion-arm.ts';

/** A running job silent this long was interrupted (its process ended): another run resumes it. */
export const JUDGE_JOB_STALE_MS = 60_000;
/** Finished jobs stay in live messages this long, so every watcher sees the end. */
const RECENT_MS = 60_000;
const LIST_LIMIT = 50;
const SETTINGS_TTL_MS = 2000;
/** Items a judge's drill-down lists at most (the most disagreeing). */
const DISAGREEMENTS_LIMIT = 200;

interface Deps {
  db: Database;
  clock: Clock;
  models: JudgeModels;
  projects: Pick<ProjectsService, 'accessAsResearcher' | 'findRow' | 'listMembers'>;
  events: Pick<ProjectEvents, 'publish'>;
  audit: AuditRecorder;
  /** The project's submitted human annotations, as agreement reads them (the agreement service's). */
  humanAnnotations: (projectId: string) => Promise<SubmittedAnnotation[]>;
  bootstrap: Required<BootstrapOptions>;
  timing?: Partial<JudgeJobTiming>;
  log?: (message: string, error?: unknown) => void;
  /**
   * Where per-item judge disagreement goes once a judging job ends (the assignment engine's judge-disagreement
   * item order). Absent: nowhere (the CLI's one-off reports).
   */
  judgeDisagreementChanged?: (projectId: string, scores: Map<string, number>) => Promise<unknown>;
}

function toJudge(row: JudgeRow & { answered: number }): Judge {
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    connectionId: row.connectionId,
    params: row.params,
    instructions: row.instructions,
    answered: row.answered,
    createdAt: row.createdAt.toISOString(),
  };
}

function toJob(row: JudgeJobRow): JudgeJob {
  return {
    id: row.id,
    projectId: row.projectId,
    status: row.status,
    judgeIds: row.judgeIds,
    concurrency: row.concurrency,
    maxAttempts: row.maxAttempts,
    total: row.total,
    done: row.done,
    failed: row.failed,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** The answers to questions the template still has, of the same type (a judge answered an earlier version). */
function fittingAnswers(questions: readonly Question[], answers: Answers): Answers {
  const types = new Map(questions.map((q) => [q.id, q.type]));
  return Object.fromEntries(Object.entries(answers).filter(([id, answer]) => types.get(id) === answer.type));
}

/**
 * Model judges of a project (researchers only): judges, judging jobs in the background, calibration against the
 * human annotators, and the judge's answer suggested to annotators (with the anchoring experiment).
 */
export function createJudgesService(deps: Deps) {
  const { db, clock, models, projects, events, audit } = deps;
  const repository = createJudgesRepository(db);
  const timing = { ...DEFAULT_TIMING, ...deps.timing };
  const log = deps.log ?? ((message, error) => console.error(message, error));
  const running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  /**
   * Suggestion settings by project, read on every task served: kept SETTINGS_TTL_MS so the claim's hot path does not
   * pay a query per task (a change made on another instance applies there within that time; here at once).
   */
  const settingsCache = new Map<string, { row: Awaited<ReturnType<typeof repository.settings>>; at: number }>();
  async function cachedSettings(projectId: string) {
    const hit = settingsCache.get(projectId);
    if (hit && Date.now() - hit.at < SETTINGS_TTL_MS) return hit.row;
    const row = await repository.settings(projectId);
    settingsCache.set(projectId, { row, at: Date.now() });
    return row;
  }

  function start(job: JudgeJobRow) {
    if (running.has(job.id)) return;
    const abort = new AbortController();
    const done = runJudgeJob({ db, clock, models, projects, events, timing, log }, job, abort.signal)
      // New judge answers change which items judges disagree on: the judge-disagreement order follows each job.
      .then(async () => {
        if (!deps.judgeDisagreementChanged) return;
        await deps.judgeDisagreementChanged(job.projectId, await service.disagreementScores(job.projectId));
      })
      .catch((error: unknown) => log(`judge job ${job.id} stopped`, error))
      .finally(() => running.delete(job.id));
    running.set(job.id, { abort, done });
  }

  async function judgeAnswersOf(projectId: string) {
    return repository.answersOf(projectId);
  }

  const jobs = {
    /** Starts judging in the background; bad input (unknown judges or items, nothing to do) throws before. */
    async create(user: SessionUser, projectId: string, input: CreateJudgeJobBody): Promise<JudgeJob> {
      const project = await projects.accessAsResearcher(user, projectId);
      if (project.kind === 'chat') throw judgeErrors.chatProject();
      const body = createJudgeJobBody.parse(input);
      const judgeIds = [...new Set(body.judgeIds)];
      const known = new Map((await repository.judgesOf(project.id)).map((j) => [j.id, j]));
      const unknown = judgeIds.filter((id) => !known.has(id));
      if (unknown.length > 0) throw judgeErrors.unknownJudges(unknown);
      // A judge's connection may have been deleted or moved since: refused now, not as one failure per item later.
      const usable = new Set((await models.connectionsUsableIn(project.id)).map((c) => c.id));
      const stranded = judgeIds.flatMap((id) => {
        const judge = known.get(id);
        return judge && !usable.has(judge.connectionId) ? [judge.name] : [];
      });
      if (stranded.length > 0) throw judgeErrors.judgeConnectionGone(stranded);
      const { ids: itemIds, missing } = await repository.jobItems(project.id, body);
      if (missing.length > 0) throw judgeErrors.unknownItems(missing, body.externalIds ? 'externalIds' : 'itemIds');
      const tasks: { itemId: string; judgeId: string }[] = [];
      for (const judgeId of judgeIds) {
        const skip = body.redo ? new Set<string>() : await repository.answeredItems(judgeId, itemIds);
        for (const itemId of itemIds) if (!skip.has(itemId)) tasks.push({ itemId, judgeId });
      }
      if (tasks.length === 0) throw judgeErrors.nothingToJudge();
      const now = clock.now();
      const row = await db.transaction((tx) =>
        createJudgesRepository(tx).insertJob(
          {
            projectId: project.id,
            createdBy: user.id,
            judgeIds,
            concurrency: body.concurrency,
            maxAttempts: body.maxAttempts,
            total: tasks.length,
            createdAt: now,
            updatedAt: now,
          },
          tasks,
        ),
      );
      await audit.record('judge_job.create', user, {
        projectId: project.id,
        target: row.id,
        details: { judgeIds, tasks: tasks.length },
      });
      start(row);
      events.publish(project.id);
      return toJob(row);
    },

    async list(user: SessionUser, projectId: string): Promise<JudgeJob[]> {
      await projects.accessAsResearcher(user, projectId);
      return (await repository.listJobs(projectId, LIST_LIMIT)).map(toJob);
    },

    async get(user: SessionUser, projectId: string, jobId: string): Promise<JudgeJob> {
      await projects.accessAsResearcher(user, projectId);
      const row = await repository.findJob(projectId, jobId);
      if (!row) throw judgeErrors.jobNotFound();
      return toJob(row);
    },

    /** The item x judge tasks given up on, with the last attempt's reason. */
    async failures(user: SessionUser, projectId: string, jobId: string) {
      await jobs.get(user, projectId, jobId);
      const rows = await repository.failures(projectId, jobId);
      return rows.map((r) => ({ ...r, error: r.error ?? 'failed' }));
    },

    /** Stops a running job: calls in flight are cut, pending tasks stay pending (no answer is half-written). */
    async cancel(user: SessionUser, projectId: string, jobId: string): Promise<JudgeJob> {
      await projects.accessAsResearcher(user, projectId);
      const row = await repository.findJob(projectId, jobId);
      if (!row) throw judgeErrors.jobNotFound();
      const cancelled = await repository.finishJob(jobId, 'cancelled', null, clock.now());
      if (!cancelled) throw judgeErrors.jobNotRunning(row.status);
      running.get(jobId)?.abort.abort();
      await running.get(jobId)?.done;
      const final = (await repository.refreshCounts(jobId, clock.now())) ?? cancelled;
      await audit.record('judge_job.cancel', user, { projectId, target: jobId });
      events.publish(projectId);
      return toJob(final);
    },

    /** Running jobs and those finished in the last minute (the project's live messages). */
    async recent(projectId: string): Promise<JudgeJob[]> {
      return (await repository.recentJobs(projectId, new Date(clock.now().getTime() - RECENT_MS))).map(toJob);
    },

    /**
     * Resumes running jobs whose heartbeat is stale (their process ended): called at start-up and periodically.
     * Taking a job over is one statement, so two instances never run one job twice. `projectId` limits it (tests).
     */
    async resumeStale(scope: { projectId?: string } = {}): Promise<string[]> {
      const now = clock.now();
      const taken = await repository.takeOverStale(new Date(now.getTime() - JUDGE_JOB_STALE_MS), now, scope.projectId);
      for (const job of taken) start(job);
      return taken.map((j) => j.id);
    },

    /** Waits until a job running in this process ends (tests, shutdown). */
    async settle(jobId: string): Promise<void> {
      await running.get(jobId)?.done;
    },

    /**
     * Shutdown: stops this process's jobs without ending them (status stays running, heartbeat stops), so another
     * start resumes them where they stopped.
     */
    async close(): Promise<void> {
      const all = [...running.values()];
      for (const { abort } of all) abort.abort();
      await Promise.all(all.map((r) => r.done));
    },
  };

  const service = {
    jobs,

    /** The model connections a judge of this project may use (the create form's choices). */
    async connections(user: SessionUser, projectId: string) {
      const project = await projects.accessAsResearcher(user, projectId);
      return (await models.connectionsUsableIn(project.id)).map(({ id, name, model }) => ({ id, name, model }));
    },

    async list(user: SessionUser, projectId: string): Promise<Judge[]> {
      await projects.accessAsResearcher(user, projectId);
      return (await repository.judgesOf(projectId)).map(toJudge);
    },

    async create(user: SessionUser, projectId: string, input: CreateJudgeBody): Promise<Judge> {
      const project = await projects.accessAsResearcher(user, projectId);
      if (project.kind === 'chat') throw judgeErrors.chatProject();
      const body = createJudgeBody.parse(input);
      const usable = await models.connectionsUsableIn(project.id);
      if (!usable.some((c) => c.id === body.connectionId)) throw judgeErrors.connectionUnusable();
      const row = await repository.insertJudge({
        projectId: project.id,
        name: body.name,
        connectionId: body.connectionId,
        params: body.params,
        instructions: body.instructions,
        createdBy: user.id,
        createdAt: clock.now(),
      });
      if (!row) throw judgeErrors.nameTaken(body.name);
      await audit.record('judge.create', user, {
        projectId: project.id,
        target: row.id,
        details: { name: row.name, connectionId: row.connectionId },
      });
      return toJudge({ ...row, answered: 0 });
    },

    /** Deletes the judge with its answers, its tasks in jobs and any exposure to its suggestions. */
    async remove(user: SessionUser, projectId: string, judgeId: string): Promise<void> {
      await projects.accessAsResearcher(user, projectId);
      const judge = await repository.findJudge(projectId, judgeId);
      if (!judge) throw judgeErrors.notFound();
      const suggesting = await repository.settings(projectId);
      if (suggesting && suggesting.mode !== 'off' && suggesting.judgeId === judgeId) throw judgeErrors.suggestedJudge();
      for (const [jobId, run] of running) {
        const job = await repository.jobById(jobId);
        if (job?.judgeIds.includes(judgeId)) run.abort.abort();
      }
      await repository.deleteJudge(projectId, judgeId);
      await audit.record('judge.delete', user, { projectId, target: judgeId, details: { name: judge.name } });
    },

    /**
     * The judges' answers to these items, by item id, for raw exports that ask for them (`includeJudges`): each with
     * its judge's name and model, so the line is marked as a model's.
     */
    async exportAnswers(itemIds: readonly string[]) {
      const byItem = new Map<
        string,
        {
          judgeId: string;
          name: string;
          model: string;
          answers: Answers;
          displayOrder: string[];
          templateVersion: number;
          answeredAt: Date;
          latencyMs: number;
        }[]
      >();
      if (itemIds.length === 0) return byItem;
      for (const { answer, name } of await repository.answersForExport(itemIds)) {
        const list = byItem.get(answer.itemId) ?? [];
        list.push({
          judgeId: answer.judgeId,
          name,
          model: answer.model,
          answers: answer.answers,
          displayOrder: answer.displayOrder,
          templateVersion: answer.templateVersion,
          answeredAt: answer.answeredAt,
          latencyMs: answer.latencyMs,
        });
        byItem.set(answer.itemId, list);
      }
      return byItem;
    },

    /** A judge's answers (real output ids): the way judge answers leave the server, apart from human exports. */
    async answers(user: SessionUser, projectId: string, judgeId: string) {
      await projects.accessAsResearcher(user, projectId);
      if (!(await repository.findJudge(projectId, judgeId))) throw judgeErrors.notFound();
      return (await repository.answersOf(projectId, judgeId)).map((a) => ({
        itemId: a.itemId,
        answers: a.answers,
        displayOrder: a.displayOrder,
        model: a.model,
        latencyMs: a.latencyMs,
        answeredAt: a.answeredAt.toISOString(),
      }));
    },

    /**
     * The items where a judge disagrees with the humans, most first: per item the judge's answer and each human's
     * (with the order they were shown), so a researcher sees where and how the judge goes wrong.
     */
    async disagreements(user: SessionUser, projectId: string, judgeId: string): Promise<JudgeDisagreementsResponse> {
      const project = await projects.accessAsResearcher(user, projectId);
      const judge = await repository.findJudge(project.id, judgeId);
      if (!judge) throw judgeErrors.notFound();
      const [answers, humans, members] = await Promise.all([
        repository.answersOf(project.id, judgeId),
        deps.humanAnnotations(project.id),
        projects.listMembers(user, project.id),
      ]);
      const emails = new Map(members.map((m) => [m.userId, m.email]));
      const humansByItem = new Map<string, SubmittedAnnotation[]>();
      for (const human of humans) humansByItem.set(human.itemId, [...(humansByItem.get(human.itemId) ?? []), human]);
      const items: JudgeDisagreementItem[] = [];
      for (const answer of answers) {
        const itemHumans = humansByItem.get(answer.itemId) ?? [];
        const parts = itemHumans
          .map((h) => answerDisagreement(project.settings.questions, answer.answers, h.answers))
          .filter((p) => Number.isFinite(p));
        const mean = parts.length > 0 ? parts.reduce((a, b) => a + b) / parts.length : 0;
        const first = itemHumans[0];
        if (mean <= 0 || !first) continue;
        items.push({
          itemId: answer.itemId,
          itemExternalId: first.itemExternalId,
          disagreement: mean,
          judge: {
            answers: answer.answers,
            displayOrder: answer.displayOrder,
            answeredAt: answer.answeredAt.toISOString(),
          },
          humans: itemHumans.map((h) => ({
            annotatorId: h.userId,
            annotatorEmail: emails.get(h.userId) ?? null,
            answers: h.answers,
            displayOrder: h.displayOrder,
            submittedAt: h.submittedAt.toISOString(),
          })),
        });
      }
      items.sort((a, b) => b.disagreement - a.disagreement || a.itemExternalId.localeCompare(b.itemExternalId));
      return {
        judge: { id: judge.id, name: judge.name },
        items: items.slice(0, DISAGREEMENTS_LIMIT),
        truncated: items.length > DISAGREEMENTS_LIMIT,
      };
    },

    async calibration(user: SessionUser, projectId: string, query: { category?: string }): Promise<CalibrationReport> {
      const project = await projects.accessAsResearcher(user, projectId);
      const [humans, judges, judgeAnswers] = await Promise.all([
        deps.humanAnnotations(project.id),
        repository.judgesOf(project.id),
        judgeAnswersOf(project.id),
      ]);
      const categories = query.category
        ? { key: query.category, byItem: await repository.categoriesOf(project.id, query.category) }
        : null;
      return calibrationReport({
        projectId: project.id,
        questions: project.settings.questions,
        humans,
        judges,
        judgeAnswers,
        categories,
        bootstrap: deps.bootstrap,
        now: clock.now(),
      });
    },

    async suggestionSettings(user: SessionUser, projectId: string): Promise<SuggestionSettings> {
      await projects.accessAsResearcher(user, projectId);
      const row = await repository.settings(projectId);
      return row ? { mode: row.mode, judgeId: row.judgeId, seed: row.seed } : { mode: 'off', judgeId: null, seed: 1 };
    },

    async updateSuggestionSettings(
      user: SessionUser,
      projectId: string,
      input: UpdateSuggestionSettingsBody,
    ): Promise<SuggestionSettings> {
      const project = await projects.accessAsResearcher(user, projectId);
      const body = updateSuggestionSettingsBody.parse(input);
      // The experiment measures agreement with the judge, as gold does: a template with nothing to score (a written
      // reply only) would split annotators into arms no report can compare.
      if (body.mode === 'experiment' && !project.settings.questions.some(isGoldScored)) {
        throw judgeErrors.nothingToMeasure();
      }
      const judgeId = body.judgeId ?? null;
      if (judgeId !== null && !(await repository.findJudge(project.id, judgeId))) throw judgeErrors.notFound();
      const previous = await repository.settings(project.id);
      const seed = body.seed ?? previous?.seed ?? 1;
      await repository.saveSettings({ projectId: project.id, mode: body.mode, judgeId, seed, updatedAt: clock.now() });
      settingsCache.delete(project.id);
      await audit.record('judge.suggestions', user, {
        projectId: project.id,
        details: { mode: body.mode, judgeId, seed },
      });
      return { mode: body.mode, judgeId, seed };
    },

    /**
     * The suggestion an annotator's task carries (the annotations service calls this when it serves a task):
     * nothing when suggestions are off or the judge has no answer for the item; else the assignment's arm is
     * recorded (once) and, when it is `shown`, the judge's answer in the annotator's blind ids is returned.
     */
    async suggestionFor(input: {
      projectId: string;
      itemId: string;
      userId: string;
      /** The template the task is served with: a judge's answer to questions since removed or retyped is no use. */
      questions: readonly Question[];
      toBlind: (answers: Answers) => Answers;
    }): Promise<TaskSuggestion | undefined> {
      const settings = await cachedSettings(input.projectId);
      if (!settings || settings.mode === 'off' || settings.judgeId === null) return undefined;
      const answer = await repository.answerOf(settings.judgeId, input.itemId);
      // Nothing the page could fill in: no suggestion, and no arm recorded (the anchoring report counts only these).
      const fitting = answer ? fittingAnswers(input.questions, answer.answers) : {};
      if (!answer || Object.keys(fitting).length === 0) return undefined;
      const arm = settings.mode === 'on' ? 'shown' : suggestionArm(settings.seed, input.itemId, input.userId);
      const exposure = await repository.exposure({
        itemId: input.itemId,
        userId: input.userId,
        projectId: input.projectId,
        judgeId: settings.judgeId,
        mode: settings.mode,
        arm,
        createdAt: clock.now(),
      });
      if (exposure?.arm !== 'shown') return undefined;
      const judge = await repository.findJudge(input.projectId, exposure.judgeId);
      // The arm was recorded earlier with another judge: that judge's answer is the one this assignment shows.
      let shown = fitting;
      if (exposure.judgeId !== answer.judgeId) {
        const other = await repository.answerOf(exposure.judgeId, input.itemId);
        shown = other ? fittingAnswers(input.questions, other.answers) : {};
      }
      if (!judge || Object.keys(shown).length === 0) return undefined;
      return { judgeName: judge.name, answers: input.toBlind(shown) };
    },

    async anchoring(user: SessionUser, projectId: string): Promise<AnchoringReport> {
      const project = await projects.accessAsResearcher(user, projectId);
      const settings = await repository.settings(project.id);
      const [annotations, judgeAnswers] = await Promise.all([
        repository.experimentAnnotations(project.id),
        judgeAnswersOf(project.id),
      ]);
      return anchoringReport({
        projectId: project.id,
        mode: settings?.mode ?? 'off',
        judgeId: settings?.judgeId ?? null,
        questions: project.settings.questions,
        annotations,
        judgeAnswers: new Map(judgeAnswers.map((a) => [`${a.judgeId}/${a.itemId}`, a.answers])),
        bootstrap: deps.bootstrap,
      });
    },

    /** The judges' rows of the agreement report's annotator table (agreement.service.ts calls this). */
    async annotatorRows(
      projectId: string,
      questions: readonly Question[],
      humans: readonly SubmittedAnnotation[],
    ): Promise<AnnotatorAgreement[]> {
      const [judges, judgeAnswers] = await Promise.all([repository.judgesOf(projectId), judgeAnswersOf(projectId)]);
      if (judgeAnswers.length === 0) return [];
      return judgeAnnotatorRows(questions, humans, judges, judgeAnswers);
    },

    /**
     * Per item of a project, how much its judges disagree with each other, with the reward model's scores (when every
     * output of the item has one) and with the human majority, in [0, 1]
     * (judge-disagreement.ts); items no judge answered are absent. For the assignment engine's selection policies.
     */
    async disagreementScores(projectId: string): Promise<Map<string, number>> {
      const project = await projects.findRow(projectId);
      if (!project) return new Map();
      const [humans, judgeAnswers, outputScores] = await Promise.all([
        deps.humanAnnotations(projectId),
        judgeAnswersOf(projectId),
        repository.outputScoresOf(projectId),
      ]);
      // The reward model's implied answer counts as one more judge, on items some judge answered.
      const judged = new Set(judgeAnswers.map((a) => a.itemId));
      const reward = rewardModelAnswers(project.settings.questions, outputScores).filter((r) => judged.has(r.itemId));
      return judgeDisagreementScores(project.settings.questions, [...judgeAnswers, ...reward], humans);
    },
  };
  return service;
}
export type JudgesService = ReturnType<typeof createJudgesService>;
