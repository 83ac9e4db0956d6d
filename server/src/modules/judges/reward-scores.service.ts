import {
  type CreateScoreJobBody,
  createScoreJobBody,
  type OutputScoresBody,
  type RewardScoreProvenance,
  type ScoreJob,
} from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AuditRecorder } from '../audit/audit.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { ProjectEvents } from '../live/project-events.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import {
  type AttemptFailure,
  createRetrier,
  DEFAULT_TIMING,
  type JudgeJobTiming,
  runTasks,
} from './judge-jobs.runner.ts';
import { judgeErrors } from './judges.errors.ts';
import { createJudgesRepository } from './judges.repository.ts';
import { JUDGE_JOB_STALE_MS } from './judges.service.ts';
import { asModelCallFailure, type ChatMessage } from './model-client.types.ts';
import { createRewardScoresRepository, type ScoreJobRow, type ScoreTaskRow } from './reward-scores.repository.ts';

const LIST_LIMIT = 50;
const RECENT_MS = 60_000;

/** What scoring needs of the models module (services.models): one reward score per call, and who may be called. */
export interface RewardModels {
  score(
    connectionId: string,
    request: { messages: ChatMessage[]; signal?: AbortSignal },
  ): Promise<{ score: number; model: string }>;
  connectionsUsableIn(projectId: string): Promise<{ id: string; name: string; model: string }[]>;
}

interface Deps {
  db: Database;
  clock: Clock;
  models: RewardModels;
  projects: Pick<ProjectsService, 'accessAsResearcher'>;
  events: Pick<ProjectEvents, 'publish'>;
  audit: AuditRecorder;
  /** Writes outputs' scores and refreshes their items' score margins (the items service, without an audit event). */
  writeOutputScores: (projectId: string, body: OutputScoresBody) => Promise<unknown>;
  /** After a job: the judge-disagreement order follows the new scores (judge vs reward model). */
  scoresChanged?: (projectId: string) => Promise<unknown>;
  timing?: Partial<JudgeJobTiming>;
  log?: (message: string, error?: unknown) => void;
}

function toJob(row: ScoreJobRow): ScoreJob {
  return {
    id: row.id,
    projectId: row.projectId,
    status: row.status,
    connectionId: row.connectionId,
    connectionName: row.connectionName,
    model: row.model,
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

/**
 * Reward-model scoring jobs (researchers only): every output of the chosen items is scored by a connection serving a
 * reward model, one call per output, and an item's scores are written together (output scores, then provenance with
 * the task done), so the score-margin order never sees half an item. Retries, 429 pauses, cancel and resume after a
 * restart work as for judging jobs (createRetrier, takeOverStale).
 */
export function createRewardScoresService(deps: Deps) {
  const { db, clock, models, projects, events, audit } = deps;
  const repository = createRewardScoresRepository(db);
  const timing = { ...DEFAULT_TIMING, ...deps.timing };
  const log = deps.log ?? ((message, error) => console.error(message, error));
  const running = new Map<string, { abort: AbortController; done: Promise<void> }>();

  async function attempt(job: ScoreJobRow, task: ScoreTaskRow, signal: AbortSignal): Promise<AttemptFailure | null> {
    const item = await repository.item(task.itemId);
    if (!item) return { error: 'the item was deleted' };
    const conversation: ChatMessage[] = item.conversation.map((m) => ({ role: m.role, content: m.content }));
    const scores: { outputId: string; score: number; model: string }[] = [];
    for (const output of item.outputs) {
      try {
        const result = await models.score(job.connectionId, {
          messages: [...conversation, { role: 'assistant', content: output.content }],
          signal,
        });
        scores.push({ outputId: output.id, score: result.score, model: result.model });
      } catch (error) {
        const failure = asModelCallFailure(error);
        if (failure.kind === 'rate_limited') {
          return { error: `rate limited: ${failure.message}`, retryAfterMs: failure.retryAfterMs ?? timing.backoffMs };
        }
        return { error: `${failure.kind}: ${failure.message}` };
      }
    }
    // Crash between the two writes: the task stays pending and a resumed job scores the item again (same scores).
    await deps.writeOutputScores(job.projectId, {
      scores: scores.map((s) => ({ item: item.externalId, output: s.outputId, score: s.score })),
    });
    const scoredAt = clock.now();
    await repository.scored(
      task,
      scores.map((s) => ({
        itemId: item.id,
        outputId: s.outputId,
        projectId: job.projectId,
        score: s.score,
        jobId: job.id,
        connectionId: job.connectionId,
        connectionName: job.connectionName,
        model: s.model,
        scoredAt,
      })),
    );
    return null;
  }

  async function run(job: ScoreJobRow, signal: AbortSignal) {
    const tasks = await repository.pendingTasks(job.id);
    const retrier = createRetrier(timing, signal);
    try {
      const usable = (await models.connectionsUsableIn(job.projectId)).some((c) => c.id === job.connectionId);
      await runTasks({
        tasks,
        concurrency: job.concurrency,
        signal,
        timing,
        beat: async () => {
          await repository.touch(job.id, clock.now());
          events.publish(job.projectId);
        },
        runTask: async (task) => {
          if (!usable) {
            await repository.attemptFailed(task, 'the model connection is not usable by this project', true);
            return;
          }
          await retrier.run({
            attemptsSoFar: task.attempts,
            maxAttempts: job.maxAttempts,
            attempt: () => attempt(job, task, signal),
            failed: (error, last) => repository.attemptFailed(task, error, last),
          });
        },
      });
      if (!signal.aborted) await repository.finishJob(job.id, 'done', null, clock.now());
    } catch (error) {
      if (signal.aborted) return;
      log(`score job ${job.id} failed`, error);
      await repository.finishJob(job.id, 'failed', (error as Error).message, clock.now()).catch(() => {});
    } finally {
      events.publish(job.projectId);
    }
  }

  function start(job: ScoreJobRow) {
    if (running.has(job.id)) return;
    const abort = new AbortController();
    const done = run(job, abort.signal)
      .then(() => deps.scoresChanged?.(job.projectId))
      .catch((error: unknown) => log(`score job ${job.id} stopped`, error))
      .then(() => undefined)
      .finally(() => running.delete(job.id));
    running.set(job.id, { abort, done });
  }

  return {
    /** Starts scoring in the background; bad input (connection, items, nothing to do) is refused before. */
    async create(user: SessionUser, projectId: string, input: CreateScoreJobBody): Promise<ScoreJob> {
      const project = await projects.accessAsResearcher(user, projectId);
      if (project.kind === 'chat') throw judgeErrors.chatProject();
      const body = createScoreJobBody.parse(input);
      const connection = (await models.connectionsUsableIn(project.id)).find((c) => c.id === body.connectionId);
      if (!connection) throw judgeErrors.connectionUnusable();
      const { ids: itemIds, missing } = await createJudgesRepository(db).jobItems(project.id, body);
      if (missing.length > 0) throw judgeErrors.unknownItems(missing, body.externalIds ? 'externalIds' : 'itemIds');
      const skip = body.redo ? new Set<string>() : await repository.scoredItems(project.id, connection.id);
      const todo = itemIds.filter((id) => !skip.has(id));
      if (todo.length === 0) throw judgeErrors.nothingToScore();
      const now = clock.now();
      const row = await db.transaction((tx) =>
        createRewardScoresRepository(tx).insertJob(
          {
            projectId: project.id,
            createdBy: user.id,
            connectionId: connection.id,
            connectionName: connection.name,
            model: connection.model,
            concurrency: body.concurrency,
            maxAttempts: body.maxAttempts,
            total: todo.length,
            createdAt: now,
            updatedAt: now,
          },
          todo,
        ),
      );
      await audit.record('score_job.create', user, {
        projectId: project.id,
        target: row.id,
        details: { connectionId: connection.id, model: connection.model, items: todo.length },
      });
      start(row);
      events.publish(project.id);
      return toJob(row);
    },

    async list(user: SessionUser, projectId: string): Promise<ScoreJob[]> {
      await projects.accessAsResearcher(user, projectId);
      return (await repository.listJobs(projectId, LIST_LIMIT)).map(toJob);
    },

    async get(user: SessionUser, projectId: string, jobId: string): Promise<ScoreJob> {
      await projects.accessAsResearcher(user, projectId);
      const row = await repository.findJob(projectId, jobId);
      if (!row) throw judgeErrors.scoreJobNotFound();
      return toJob(row);
    },

    async failures(user: SessionUser, projectId: string, jobId: string) {
      await projects.accessAsResearcher(user, projectId);
      if (!(await repository.findJob(projectId, jobId))) throw judgeErrors.scoreJobNotFound();
      return (await repository.failures(projectId, jobId)).map((r) => ({ ...r, error: r.error ?? 'failed' }));
    },

    /** Stops a running job: calls in flight are cut; items not yet written stay pending (nothing half-written). */
    async cancel(user: SessionUser, projectId: string, jobId: string): Promise<ScoreJob> {
      await projects.accessAsResearcher(user, projectId);
      const row = await repository.findJob(projectId, jobId);
      if (!row) throw judgeErrors.scoreJobNotFound();
      const cancelled = await repository.finishJob(jobId, 'cancelled', null, clock.now());
      if (!cancelled) throw judgeErrors.jobNotRunning(row.status);
      running.get(jobId)?.abort.abort();
      await running.get(jobId)?.done;
      await audit.record('score_job.cancel', user, { projectId, target: jobId });
      events.publish(projectId);
      return toJob((await repository.findJob(projectId, jobId)) ?? cancelled);
    },

    /** Running jobs and those finished in the last minute. */
    async recent(projectId: string): Promise<ScoreJob[]> {
      return (await repository.listJobs(projectId, LIST_LIMIT, new Date(clock.now().getTime() - RECENT_MS))).map(toJob);
    },

    /** Resumes running jobs whose heartbeat is stale (their process ended); one statement takes each over. */
    async resumeStale(scope: { projectId?: string } = {}): Promise<string[]> {
      const now = clock.now();
      const taken = await repository.takeOverStale(new Date(now.getTime() - JUDGE_JOB_STALE_MS), now, scope.projectId);
      for (const job of taken) start(job);
      return taken.map((j) => j.id);
    },

    async settle(jobId: string): Promise<void> {
      await running.get(jobId)?.done;
    },

    /** Shutdown: stops this process's jobs, which stay running and resume on the next start. */
    async close(): Promise<void> {
      const all = [...running.values()];
      for (const { abort } of all) abort.abort();
      await Promise.all(all.map((r) => r.done));
    },

    /** Provenance of outputs' current scores that a scoring job set, by item id then output id (exports). */
    async provenanceOf(itemIds: readonly string[]): Promise<Map<string, Map<string, RewardScoreProvenance>>> {
      const rows = await repository.provenanceOf(itemIds);
      return new Map(
        [...rows].map(([itemId, byOutput]) => [
          itemId,
          new Map(
            [...byOutput].map(([outputId, r]) => [
              outputId,
              {
                source: 'reward-model' as const,
                jobId: r.jobId,
                connectionId: r.connectionId,
                connectionName: r.connectionName,
                model: r.model,
                scoredAt: r.scoredAt.toISOString(),
              },
            ]),
          ),
        ]),
      );
    },
  };
}
export type RewardScoresService = ReturnType<typeof createRewardScoresService>;
