import {
  type CreateGenerationJobBody,
  createGenerationJobBody,
  type GenerationJob,
  type GenerationJobDetailResponse,
  type Question,
  type TaskKind,
} from '@feedbench/shared';
import type { Database, Tx } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AuditActor, AuditRecorder } from '../audit/audit.service.ts';
import { maximumOutputs, minimumOutputs } from '../items/template-fit.ts';
import type { ProjectEvents } from '../live/project-events.ts';
import { generationErrors } from './generation-jobs.errors.ts';
import {
  createGenerationJobsRepository,
  type GenerationJobRow,
  type SampleCounts,
} from './generation-jobs.repository.ts';
import {
  type GenerationTarget,
  type GenerationTimings,
  type RunnerDeps,
  runGenerationJob,
} from './generation-runner.ts';
import type { ModelsService } from './models.service.ts';

/** The project as a job needs it (its template bounds the outputs per item). */
export interface GenerationProject {
  id: string;
  kind: TaskKind;
  settings: { overlapTarget: number; questions: readonly Question[]; outputsFromModels?: boolean };
}

export const DEFAULT_GENERATION_TIMINGS: GenerationTimings = {
  // Longer than a call may take (FEEDBENCH_MODEL_TIMEOUT_MS defaults to 120 s), so a live worker is never overtaken.
  claimTtlMs: 180_000,
  backoffBaseMs: 1000,
  maxBackoffMs: 60_000,
  pollMs: 500,
  progressMs: 1000,
};
const RECENT_MS = 60_000;
const LIST_LIMIT = 50;
const FAILURES_SHOWN = 500;

interface Deps {
  db: Database;
  clock: Clock;
  audit: AuditRecorder;
  events?: Pick<ProjectEvents, 'publish'>;
  models: Pick<ModelsService, 'client' | 'describe' | 'assertUsableIn'>;
  findProject(projectId: string): Promise<GenerationProject | undefined>;
  addGeneratedOutput: RunnerDeps['addGeneratedOutput'];
  createSlots(tx: Tx, itemIds: string[], target: number): Promise<void>;
  timings?: Partial<GenerationTimings>;
  log?: (message: string, error?: unknown) => void;
}

function toJob(row: GenerationJobRow, counts: SampleCounts | undefined, items: number): GenerationJob {
  return {
    id: row.id,
    projectId: row.projectId,
    status: row.status,
    connectionIds: row.connectionIds,
    samplesPerItem: row.samplesPerItem,
    n: row.choicesPerCall,
    params: row.params,
    concurrency: row.concurrency,
    maxAttempts: row.maxAttempts,
    samplesTotal: row.samplesTotal,
    samplesDone: counts?.done ?? 0,
    samplesFailed: counts?.failed ?? 0,
    samplesSkipped: counts?.skipped ?? 0,
    itemsTotal: items,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

function targetOf(project: GenerationProject): GenerationTarget {
  return {
    projectId: project.id,
    minOutputs: minimumOutputs(project.kind, project.settings.questions),
    maxOutputs: maximumOutputs(project.kind, project.settings.questions),
    outputsFromModels: project.settings.outputsFromModels === true,
    overlapTarget: project.settings.overlapTarget,
  };
}

/**
 * Generation jobs: sample N outputs per item from model connections, in the background, resumable. State lives in
 * generation_samples (one row per item x connection x sample index), so a job survives a crash or restart
 * (resumeAll at start-up) without sampling anything twice, and any instance may report or cancel it. Only items
 * nobody has answered get outputs; an item answered while the job runs is skipped (its sample reported).
 */
export function createGenerationJobsService(deps: Deps) {
  const { db, clock, audit, events } = deps;
  const timings = { ...DEFAULT_GENERATION_TIMINGS, ...deps.timings };
  const repository = createGenerationJobsRepository(db);
  const log = deps.log ?? (() => {});
  const running = new Map<
    string,
    { abort: AbortController; stop: { stopped: boolean; release: boolean }; done: Promise<void> }
  >();

  async function jobsWithCounts(rows: GenerationJobRow[]): Promise<GenerationJob[]> {
    const ids = rows.map((r) => r.id);
    const counts = await repository.counts(ids);
    const items = await Promise.all(ids.map((id) => repository.itemCount(id)));
    return rows.map((row, i) => toJob(row, counts.get(row.id), items[i] ?? 0));
  }

  function start(job: GenerationJobRow, project: GenerationProject) {
    if (running.has(job.id)) return;
    const abort = new AbortController();
    const stop = { stopped: false, release: true };
    let lastProgress = 0;
    const progress = () => {
      if (Date.now() - lastProgress < timings.progressMs) return;
      lastProgress = Date.now();
      events?.publish(project.id);
    };
    // Heartbeat, live progress, and a cancel made by another instance (or the CLI) seen within progressMs.
    const ticker = setInterval(() => {
      void (async () => {
        await repository.touch(job.id, clock.now());
        progress();
        const current = await repository.findById(job.id);
        if (current?.status !== 'running') abort.abort();
      })().catch((error: unknown) => log(`generation job ${job.id}: progress failed`, error));
    }, timings.progressMs);
    const done = (async () => {
      try {
        const finished = await runGenerationJob(
          {
            db,
            timings,
            client: (id) => deps.models.client(id),
            describe: (id) => deps.models.describe(id),
            addGeneratedOutput: deps.addGeneratedOutput,
            createSlots: deps.createSlots,
            log,
          },
          job,
          targetOf(project),
          { signal: abort.signal, stopped: () => stop.stopped, releaseOnStop: () => stop.release },
        );
        if (finished && !abort.signal.aborted)
          await repository.finish(job.id, { status: 'done', error: null, now: clock.now() });
      } catch (error) {
        log(`generation job ${job.id} failed`, error);
        if (!stop.stopped) {
          await repository
            .finish(job.id, {
              status: 'failed',
              error: `the job stopped: ${(error as Error).message}`,
              now: clock.now(),
            })
            .catch(() => {});
        }
      } finally {
        clearInterval(ticker);
        running.delete(job.id);
        events?.publish(project.id);
      }
    })();
    running.set(job.id, { abort, stop, done });
  }

  return {
    /** Starts a job in the background and returns it at once; refusals (4xx) come before anything is written. */
    async create(by: AuditActor, project: GenerationProject, input: CreateGenerationJobBody): Promise<GenerationJob> {
      const body = createGenerationJobBody.parse(input);
      const connectionIds = [...new Set(body.connectionIds)];
      for (const id of connectionIds) await deps.models.assertUsableIn(project.id, id);
      const target = targetOf(project);
      const asked = connectionIds.length * body.samplesPerItem;
      if (asked > target.maxOutputs) throw generationErrors.tooManyOutputs(asked, target.maxOutputs);
      const now = clock.now();
      const job = await db.transaction(async (tx) => {
        const inTx = createGenerationJobsRepository(tx);
        const row = await inTx.insert({
          projectId: project.id,
          createdBy: by.id,
          status: 'running',
          connectionIds,
          samplesPerItem: body.samplesPerItem,
          choicesPerCall: body.n,
          params: body.params,
          concurrency: body.concurrency,
          maxAttempts: body.maxAttempts,
          createdAt: now,
          updatedAt: now,
        });
        const total = await inTx.assignSamples({
          jobId: row.id,
          projectId: project.id,
          connectionIds,
          samplesPerItem: body.samplesPerItem,
          itemIds: body.itemIds ?? null,
          now,
        });
        await inTx.setTotal(row.id, total);
        // Nothing missing: every sample asked exists already (an earlier job made it), or no item is unanswered.
        if (total === 0) await inTx.finish(row.id, { status: 'done', error: null, now });
        return { ...row, samplesTotal: total, ...(total === 0 && { status: 'done' as const, finishedAt: now }) };
      });
      await audit.record('generation.start', by, {
        projectId: project.id,
        target: job.id,
        details: { connectionIds, samplesPerItem: body.samplesPerItem, samplesTotal: job.samplesTotal },
      });
      if (job.status === 'running') start(job, project);
      events?.publish(project.id);
      return (await jobsWithCounts([job]))[0] as GenerationJob;
    },

    async list(projectId: string): Promise<GenerationJob[]> {
      return jobsWithCounts(await repository.list(projectId, LIST_LIMIT));
    },

    async get(projectId: string, jobId: string): Promise<GenerationJobDetailResponse> {
      const row = await repository.find(projectId, jobId);
      if (!row) throw generationErrors.notFound();
      const [job] = await jobsWithCounts([row]);
      return { job: job as GenerationJob, failures: await repository.failures(jobId, FAILURES_SHOWN) };
    },

    /** Running jobs and those finished in the last minute, for the project's live progress messages. */
    async recent(projectId: string): Promise<GenerationJob[]> {
      return jobsWithCounts(await repository.recent(projectId, new Date(clock.now().getTime() - RECENT_MS)));
    },

    /** Cancels a running job wherever it runs: its samples not done are cancelled, calls in flight here aborted. */
    async cancel(by: AuditActor, projectId: string, jobId: string): Promise<GenerationJob> {
      const row = await repository.find(projectId, jobId);
      if (!row) throw generationErrors.notFound();
      const now = clock.now();
      if (!(await repository.finish(jobId, { status: 'cancelled', error: null, now }))) {
        throw generationErrors.notRunning(row.status);
      }
      await repository.cancelSamples(jobId, now);
      running.get(jobId)?.abort.abort();
      await audit.record('generation.cancel', by, { projectId, target: jobId });
      events?.publish(projectId);
      const updated = await repository.find(projectId, jobId);
      return (await jobsWithCounts([updated ?? row]))[0] as GenerationJob;
    },

    /** Start-up: every job still running (its process ended, or it runs elsewhere) goes on here too. */
    async resumeAll(): Promise<number> {
      const jobs = await repository.running();
      let resumed = 0;
      for (const job of jobs) {
        const project = await deps.findProject(job.projectId);
        if (!project || running.has(job.id)) continue;
        start(job, project);
        resumed++;
      }
      return resumed;
    },

    /** Resolves when the job, if it runs in this process, has stopped. */
    async settle(jobId: string): Promise<void> {
      await running.get(jobId)?.done;
    },

    /**
     * Stops claiming as a crashed process would: calls in flight finish and try to store their outputs (refused if
     * their claim was taken over meanwhile), claims are not given back but expire after claimTtlMs. For tests of
     * crash recovery; a real crash needs nothing of this.
     */
    halt(jobId: string): Promise<void> {
      const job = running.get(jobId);
      if (!job) return Promise.resolve();
      job.stop.stopped = true;
      job.stop.release = false;
      return job.done;
    },

    /** Shutdown: calls in flight are aborted, their claims given back (the next start or another instance resumes). */
    async close(): Promise<void> {
      const jobs = [...running.values()];
      for (const job of jobs) {
        job.stop.stopped = true;
        job.abort.abort();
      }
      await Promise.all(jobs.map((job) => job.done));
    },
  };
}
export type GenerationJobsService = ReturnType<typeof createGenerationJobsService>;
