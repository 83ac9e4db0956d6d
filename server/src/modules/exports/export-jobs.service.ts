import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type CreateExportJobBody,
  createExportJobBody,
  type ExportFileFormat,
  type ExportJob,
  type ExportOptions,
} from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { decodeCursor, pageOf } from '../../lib/keyset.ts';
import type { AuditActor, AuditRecorder } from '../audit/audit.service.ts';
import type { ProjectEvents } from '../live/project-events.ts';
import { createExportJobsRepository, type ExportJobRow } from './export-jobs.repository.ts';
import { exportErrors } from './exports.errors.ts';
import { type ExportHooks, type ExportProject, exportFileName } from './exports.types.ts';

/** Progress is written (and published) at most this often: a row update and a NOTIFY per second, not per page. */
const PROGRESS_EVERY_MS = 1000;
/** A running job also touches its row this often while a page is slow, so it is never mistaken for a dead one. */
const HEARTBEAT_MS = 15_000;
/** A running job silent this long was interrupted (its process ended): it is reported failed. */
const STALE_MS = 2 * 60_000;
/** Finished jobs stay in live messages this long, so every watcher sees the end. */
const RECENT_MS = 60_000;
const LIST_LIMIT = 50;

interface ExportFiles {
  file(
    project: ExportProject,
    options: ExportOptions,
    fileFormat: ExportFileFormat,
    hooks?: ExportHooks,
  ): Promise<NodeJS.ReadableStream>;
  countItems(project: ExportProject, options: ExportOptions, fileFormat?: ExportFileFormat): Promise<number>;
}

function toJob(row: ExportJobRow): ExportJob {
  const { itemsDone, itemsTotal, rowsDone, status } = row;
  return {
    id: row.id,
    projectId: row.projectId,
    status,
    options: row.options,
    fileFormat: row.fileFormat,
    fileName: row.fileName,
    itemsDone,
    itemsTotal,
    rowsDone,
    rowsEstimate: status === 'done' ? rowsDone : itemsDone > 0 ? Math.round((rowsDone / itemsDone) * itemsTotal) : null,
    bytes: row.bytes,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Exports of big projects in the background: the export streams into a file under `exportsDir` (written under a
 * temporary name, renamed when complete) while the job's row counts items and lines and the project's live channel
 * announces each change. Jobs run in the process that created them; one whose process ends is reported failed
 * once its heartbeat is STALE_MS old. Files live on this instance's disk: several instances need a shared exportsDir.
 */
export function createExportJobsService({
  db,
  clock,
  exports,
  events,
  exportsDir,
  audit,
}: {
  db: Database;
  clock: Clock;
  audit: AuditRecorder;
  exports: ExportFiles;
  events?: ProjectEvents;
  exportsDir: string;
}) {
  const repository = createExportJobsRepository(db);
  const running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  const filePath = (jobId: string) => path.join(exportsDir, `${jobId}.export`);

  async function run(job: ExportJobRow, project: ExportProject, options: ExportOptions, signal: AbortSignal) {
    const progress = { itemsDone: 0, rowsDone: 0, bytes: 0 };
    let lastWrite = Date.now();
    const report = async (force = false) => {
      if (!force && Date.now() - lastWrite < PROGRESS_EVERY_MS) return;
      lastWrite = Date.now();
      await repository.progress(job.id, { ...progress, updatedAt: clock.now() });
      events?.publish(project.id);
    };
    const heartbeat = setInterval(() => void report(true).catch(() => {}), HEARTBEAT_MS);
    const partial = `${filePath(job.id)}.partial`;
    try {
      await mkdir(exportsDir, { recursive: true });
      const source = await exports.file(project, options, job.fileFormat, {
        onProgress: ({ itemsDone, rows }) => {
          progress.itemsDone = itemsDone;
          progress.rowsDone = rows;
          void report().catch(() => {});
        },
      });
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, next) {
          progress.bytes += chunk.length;
          next(null, chunk);
        },
      });
      await pipeline(source, counter, createWriteStream(partial), { signal });
      await rename(partial, filePath(job.id));
      clearInterval(heartbeat);
      await repository.finish(job.id, {
        ...progress,
        status: 'done',
        error: null,
        updatedAt: clock.now(),
        finishedAt: clock.now(),
      });
    } catch (error) {
      clearInterval(heartbeat);
      await rm(partial, { force: true });
      const message = signal.aborted ? 'cancelled: the server shut down' : (error as Error).message;
      await repository
        .finish(job.id, {
          ...progress,
          status: 'failed',
          error: message,
          updatedAt: clock.now(),
          finishedAt: clock.now(),
        })
        .catch(() => {});
    } finally {
      clearInterval(heartbeat);
      events?.publish(project.id);
    }
  }

  return {
    /** Starts the export in the background and returns the job at once; bad options throw before anything runs. */
    async create(project: ExportProject, userId: string, input: CreateExportJobBody): Promise<ExportJob> {
      const { fileFormat, ...options } = createExportJobBody.parse(input);
      // Counting also checks the options against the project (format vs kind, gold scores): a 4xx, not a failed job.
      const itemsTotal = await exports.countItems(project, options, fileFormat);
      const now = clock.now();
      const row = await repository.insert({
        projectId: project.id,
        createdBy: userId,
        options,
        fileFormat,
        fileName: exportFileName(project.name, options.format, options.split, fileFormat),
        status: 'running',
        itemsTotal,
        createdAt: now,
        updatedAt: now,
      });
      const abort = new AbortController();
      const done = run(row, project, options, abort.signal).finally(() => running.delete(row.id));
      running.set(row.id, { abort, done });
      events?.publish(project.id);
      return toJob(row);
    },

    /** Newest first, a keyset page at a time (the first page by default: the latest LIST_LIMIT jobs). */
    async list(
      projectId: string,
      query: { limit?: number; cursor?: string } = {},
    ): Promise<{ jobs: ExportJob[]; nextCursor: string | null }> {
      const now = clock.now();
      await repository.failStale(projectId, new Date(now.getTime() - STALE_MS), now);
      const limit = query.limit ?? LIST_LIMIT;
      const rows = await repository.list(projectId, limit + 1, decodeCursor(query.cursor));
      const { page, nextCursor } = pageOf(rows, limit, (r) => ({ at: r.createdAtKey, id: r.job.id }));
      return { jobs: page.map((r) => toJob(r.job)), nextCursor };
    },

    async get(projectId: string, jobId: string): Promise<ExportJob> {
      const row = await repository.find(projectId, jobId);
      if (!row) throw exportErrors.jobNotFound();
      return toJob(row);
    },

    /** Running jobs and those finished in the last minute, for the project's live progress messages. */
    async recent(projectId: string): Promise<ExportJob[]> {
      return (await repository.recent(projectId, new Date(clock.now().getTime() - RECENT_MS))).map(toJob);
    },

    /** The finished file; a job still running or failed answers 409. Audited like a direct download. */
    async download(by: AuditActor, projectId: string, jobId: string) {
      const row = await repository.find(projectId, jobId);
      if (!row) throw exportErrors.jobNotFound();
      if (row.status !== 'done') throw exportErrors.jobNotDone(row.status);
      const body = createReadStream(filePath(row.id));
      await audit.record('export.download', by, { projectId, target: jobId, details: { job: jobId } });
      return { job: toJob(row), body };
    },

    /** Resolves when the job, if it runs in this process, has finished (tests). */
    async settle(jobId: string): Promise<void> {
      await running.get(jobId)?.done;
    },

    /** Shutdown: cancels the jobs running here (they are recorded failed) and waits for them to stop. */
    async close(): Promise<void> {
      const jobs = [...running.values()];
      for (const job of jobs) job.abort.abort();
      await Promise.all(jobs.map((job) => job.done));
    },
  };
}
export type ExportJobsService = ReturnType<typeof createExportJobsService>;
