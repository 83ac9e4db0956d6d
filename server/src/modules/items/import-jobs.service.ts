import {
  IMPORT_LIMITS,
  type ImportFormat,
  type ImportJob,
  type ImportJobListQuery,
  type ImportJobListResponse,
  type ImportProblem,
  type ImportResult,
  type Question,
  type TaskKind,
} from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import { decodeCursor, pageOf } from '../../lib/keyset.ts';
import type { AssignmentService } from '../assignment/assignment.service.ts';
import type { AuditActor, AuditRecorder } from '../audit/audit.service.ts';
import type { ProjectEvents } from '../live/project-events.ts';
import { converterFor, importFormatErrors } from './import-formats/import-formats.ts';
import { createImportJobsRepository, type ImportJobRow } from './import-jobs.repository.ts';
import { fileLines, unpackedChunks } from './import-lines.ts';
import { type CheckedLine, createLineChecker, reportedProblem } from './import-parser.ts';
import { itemErrors, MAX_REPORTED_PROBLEMS } from './items.errors.ts';
import { minimumOutputs } from './template-fit.ts';

/**
 * Largest upload accepted (as sent, compressed or not). Streamed, so its size costs no memory; the cap bounds what one
 * HTTP upload may make the server stage. The CLI reads a local file its operator chose and has no cap (a project of
 * 1M ranking items with 4 outputs of ~80 words is a 2.4 GiB file).
 */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024 * 1024;
/**
 * Staged lines per batch, and bytes of line text per batch: whichever comes first bounds what is held in memory (two
 * batches: one being written while the next is read and checked).
 */
const STAGE_ROWS = 1000;
const STAGE_BYTES = 2 * 1024 * 1024;
/** Progress is written (and published) at most this often, and a silent job touches its row on the heartbeat. */
const PROGRESS_EVERY_MS = 1000;
const HEARTBEAT_MS = 15_000;
/** A running job silent this long was interrupted (its process ended): it is reported failed. */
const STALE_MS = 2 * 60_000;
/** Finished jobs stay in live messages this long, so every watcher sees the end. */
const RECENT_MS = 60_000;
const LIST_LIMIT = 50;

export interface ImportProject {
  id: string;
  kind: TaskKind;
  settings: { overlapTarget: number; questions: readonly Question[]; outputsFromModels?: boolean };
}

export interface ImportSource {
  /** The file's bytes as they arrive (an HTTP body, a file stream); gzip is recognised and unpacked. */
  body: AsyncIterable<Buffer | string> | Iterable<Buffer | string>;
  format?: ImportFormat;
  fileName?: string;
  /** The size announced for the body (Content-Length, the file's size), for progress and ETA. */
  bytesTotal?: number | null;
  /** Called as bytes arrive (the CLI's progress bar). */
  onProgress?: (progress: { bytesRead: number; linesRead: number }) => void;
  /** Bytes accepted (as sent); IMPORT_MAX_BYTES unless the caller says otherwise. */
  maxBytes?: number;
  /** Called as each phase of the import ends, with its wall time (the CLI's --timings, bench:scale). */
  onPhase?: (phase: ImportPhase, ms: number) => void;
}

/** The phases of an accepted import, in order. */
export type ImportPhase =
  | 'of which waiting on the database'
  | 'read, check and stage'
  | 'find repeated ids'
  | 'drop existing ids'
  | 'move items'
  | 'move outputs and references'
  | 'score margins'
  | 'create slots'
  | 'clear staging'
  | 'commit'
  | 'analyze';

/** A started import: `read` settles once the whole file is read and checked, `outcome` once it is accepted or not. */
export interface StartedImport {
  job: ImportJob;
  read: Promise<void>;
  /** Never rejects: `error` is the import error (bad lines, empty, too large) or whatever else ended the job. */
  outcome: Promise<{ job: ImportJob; error?: Error }>;
}

export function toImportJob(row: ImportJobRow): ImportJob {
  return {
    id: row.id,
    projectId: row.projectId,
    status: row.status,
    format: row.format,
    fileName: row.fileName,
    bytesTotal: row.bytesTotal,
    bytesRead: row.bytesRead,
    linesRead: row.linesRead,
    created: row.created,
    existing: row.existing,
    badLines: row.badLines,
    problems: row.problems,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Imports of JSONL files of any size in bounded memory. The file is read as a stream, checked line by line, and its
 * valid lines are written in batches into a staging table nobody else reads; ids repeated across lines are found
 * there. A file with any bad line is refused whole with its line report and its staged rows deleted; an accepted file
 * moves into items, outputs, references and assignment slots in one transaction, so annotators see all of it at once
 * or nothing. Ids the project already has are left alone (re-import is idempotent). The job row counts progress and
 * the project's live channel announces it; a job whose process ends is reported failed once its heartbeat is stale.
 */
export function createImportJobsService({
  db,
  clock,
  assignment,
  events,
  audit,
}: {
  db: Database;
  clock: Clock;
  assignment: Pick<AssignmentService, 'createSlotsFor' | 'refreshScoreMargins' | 'analyzeSlots'>;
  events: Pick<ProjectEvents, 'publish'>;
  audit: AuditRecorder;
}) {
  const repository = createImportJobsRepository(db);
  const running = new Map<string, { abort: AbortController; outcome: Promise<unknown> }>();

  async function run(
    row: ImportJobRow,
    project: ImportProject,
    source: ImportSource,
    signal: AbortSignal,
    readDone: () => void,
    by: AuditActor,
  ): Promise<{ job: ImportJob; error?: Error }> {
    const format = row.format;
    const progress = { bytesRead: 0, linesRead: 0 };
    let phaseStart = performance.now();
    const phaseEnded = (phase: ImportPhase) => {
      const now = performance.now();
      source.onPhase?.(phase, now - phaseStart);
      phaseStart = now;
    };
    let lastWrite = Date.now();
    const report = async (force = false) => {
      if (!force && Date.now() - lastWrite < PROGRESS_EVERY_MS) return;
      lastWrite = Date.now();
      await repository.progress(row.id, { ...progress, updatedAt: clock.now() });
      events.publish(project.id);
    };
    const heartbeat = setInterval(() => void report(true).catch(() => {}), HEARTBEAT_MS);
    const end = async (
      outcome: Pick<ImportJobRow, 'status' | 'created' | 'existing' | 'badLines' | 'problems' | 'error'>,
      executor = repository,
    ) => {
      const now = clock.now();
      await executor.finish(row.id, { ...progress, ...outcome, updatedAt: now, finishedAt: now });
    };
    try {
      const check = createLineChecker(
        {
          kind: project.kind,
          questions: project.settings.questions,
          outputsFromModels: project.settings.outputsFromModels === true,
        },
        format,
      );
      let problems: ImportProblem[] = [];
      let badLines = 0;
      let batch: CheckedLine[] = [];
      let batchBytes = 0;
      // Reward-model scores among the outputs: the items' score margins are then computed before their slots.
      let scored = false;
      // One batch is written while the next is read and checked, so parsing and the database work at the same time.
      let writing: Promise<void> = Promise.resolve();
      // Of the reading phase, the time spent waiting on the database (the rest is reading and checking lines).
      let waited = 0;
      const stage = async (lines: CheckedLine[]) => {
        const waitStart = performance.now();
        await writing;
        waited += performance.now() - waitStart;
        writing = repository.stage(row.id, lines);
        // Settled by the next stage() or after the loop; a failure meanwhile must not go unhandled.
        writing.catch(() => {});
      };
      const chunks = unpackedChunks(source.body, {
        maxBytes: source.maxBytes ?? IMPORT_MAX_BYTES,
        onBytes: (bytes) => {
          progress.bytesRead = bytes;
          source.onProgress?.(progress);
        },
      });
      try {
        for await (const fileLine of fileLines(chunks, IMPORT_LIMITS.maxLineBytes)) {
          progress.linesRead = fileLine.line;
          const checked = check(fileLine);
          if (checked === undefined) continue;
          if ('problems' in checked) {
            badLines++;
            for (const problem of checked.problems) {
              if (problems.length < MAX_REPORTED_PROBLEMS) {
                problems.push(reportedProblem(fileLine.line, problem));
              }
            }
            continue;
          }
          // Valid lines are staged even after a bad one, so ids repeated anywhere in the file are all reported.
          batch.push(checked);
          batchBytes += 'text' in fileLine ? fileLine.text.length : 0;
          scored ||= checked.item.outputs?.some((o) => o.score !== undefined && o.score !== null) === true;
          if (batch.length >= STAGE_ROWS || batchBytes >= STAGE_BYTES) {
            if (signal.aborted) throw new Error('cancelled: the server shut down');
            await stage(batch);
            batch = [];
            batchBytes = 0;
            await report();
          }
        }
        await stage(batch);
        batch = [];
        const waitStart = performance.now();
        await writing;
        waited += performance.now() - waitStart;
        source.onProgress?.(progress);
      } finally {
        // A batch still in flight (the read failed meanwhile) settles before staging is cleared below.
        await writing.catch(() => {});
        readDone();
      }
      await report(true);
      source.onPhase?.('of which waiting on the database', waited);
      phaseEnded('read, check and stage');

      await repository.analyzeStaged();
      const duplicates = await repository.duplicates(row.id, MAX_REPORTED_PROBLEMS);
      phaseEnded('find repeated ids');
      if (duplicates.count > 0 || badLines > 0) {
        badLines += duplicates.count;
        problems = [...problems, ...duplicates.problems]
          .sort((a, b) => a.line - b.line)
          .slice(0, MAX_REPORTED_PROBLEMS);
        const error = itemErrors.invalidLines(problems, badLines);
        await repository.clearStaging(row.id);
        await end({ status: 'failed', created: 0, existing: 0, badLines, problems, error: error.message });
        return { job: await current(row), error };
      }
      const staged = await repository.stagedCount(row.id);
      if (staged === 0) {
        const error = itemErrors.empty();
        await end({ status: 'failed', created: 0, existing: 0, badLines: 0, problems: [], error: error.message });
        return { job: await current(row), error };
      }

      // All or nothing: the items appear together when this transaction commits. One set-based statement per table
      // for the whole file (the item_counters trigger then runs once, and no ids travel back to this process).
      const lines = staged + duplicates.repeats;
      if (signal.aborted) throw new Error('cancelled: the server shut down');
      await db.transaction(async (tx) => {
        const inTx = createImportJobsRepository(tx);
        await inTx.lockProjectImports(project.id);
        await inTx.prepareMove();
        await inTx.dropExisting(row.id, project.id);
        phaseEnded('drop existing ids');
        const triggersOff = await inTx.skipRowTriggers(project.id);
        const created = await inTx.moveItems(row.id, project.id);
        if (triggersOff) await inTx.addCreatedToCounters(project.id, created);
        phaseEnded('move items');
        await inTx.moveOutputsAndReferences(row.id, project.id, format);
        phaseEnded('move outputs and references');
        // Outputs imported with reward-model scores give their items a margin (score-margin policy) before their
        // slots are made, so the slots start with it.
        if (scored) {
          await assignment.refreshScoreMargins(tx, project.id, null);
          phaseEnded('score margins');
        }
        // Items still short of outputs (projects whose outputs come from models) get no slots: no annotator sees
        // them until a generation job has given them enough (models/generation-jobs.service.ts adds the slots).
        const minOutputs = project.settings.outputsFromModels
          ? minimumOutputs(project.kind, project.settings.questions)
          : 0;
        await assignment.createSlotsFor(tx, inTx.readyItems(row.id, minOutputs), project.settings.overlapTarget);
        phaseEnded('create slots');
        await inTx.clearStaging(row.id);
        phaseEnded('clear staging');
        await end({ status: 'done', created, existing: lines - created, badLines: 0, problems: [], error: null }, inTx);
      });
      phaseEnded('commit');
      await audit.record('items.import', by, { projectId: project.id, details: { bytes: progress.bytesRead } });
      // Planner statistics for what was just loaded: PGlite runs no autovacuum at all, and PostgreSQL's comes minutes
      // later, so until then the planner guesses the sizes of a freshly loaded project.
      await repository.analyzeImported();
      await assignment.analyzeSlots();
      phaseEnded('analyze');
      return { job: await current(row) };
    } catch (error) {
      const message = signal.aborted
        ? 'cancelled: the server shut down'
        : error instanceof AppError
          ? error.message
          : `the import stopped: ${(error as Error).message}`;
      await repository.clearStaging(row.id).catch(() => {});
      await end({ status: 'failed', created: 0, existing: 0, badLines: 0, problems: [], error: message }).catch(
        () => {},
      );
      // A failure that is no import error (an upload cut off, the database gone) keeps its own cause for the caller.
      return { job: await current(row).catch(() => toImportJob(row)), error: error as Error };
    } finally {
      clearInterval(heartbeat);
      events.publish(project.id);
    }
  }

  async function current(row: ImportJobRow): Promise<ImportJob> {
    return toImportJob((await repository.find(row.projectId, row.id)) ?? row);
  }

  return {
    /**
     * Starts importing `source` into the project and returns at once with the job; `read` and `outcome` tell when the
     * file has been read and when the import ended. A format for another project kind is refused before anything runs.
     */
    async start(project: ImportProject, by: AuditActor, source: ImportSource): Promise<StartedImport> {
      const format = source.format ?? 'feedbench';
      const converter = converterFor(format);
      if (converter && converter.kind !== project.kind) {
        throw importFormatErrors.kindMismatch(format, converter.kind, project.kind);
      }
      const now = clock.now();
      const row = await repository.insert({
        projectId: project.id,
        createdBy: by.id,
        format,
        fileName: source.fileName ?? 'items.jsonl',
        status: 'running',
        bytesTotal: source.bytesTotal ?? null,
        createdAt: now,
        updatedAt: now,
      });
      events.publish(project.id);
      const abort = new AbortController();
      let readDone = () => {};
      const read = new Promise<void>((resolve) => {
        readDone = resolve;
      });
      const outcome = run(row, project, source, abort.signal, readDone, by);
      running.set(row.id, { abort, outcome });
      void outcome.finally(() => running.delete(row.id));
      return { job: toImportJob(row), read, outcome };
    },

    /**
     * Imports the whole source and answers like the import route: the counts, or the import error. A refused file
     * leaves nothing behind, not even its job (the caller has the report); the background route keeps failed jobs.
     */
    async importWhole(project: ImportProject, by: AuditActor, source: ImportSource): Promise<ImportResult> {
      const started = await this.start(project, by, source);
      const { job, error } = await started.outcome;
      if (error) {
        await repository.remove(job.id);
        events.publish(project.id);
        throw error;
      }
      return { lines: job.created + job.existing, created: job.created, existing: job.existing };
    },

    /** Newest first, a keyset page at a time (the first page by default: the latest LIST_LIMIT jobs). */
    async list(projectId: string, query: Partial<ImportJobListQuery> = {}): Promise<ImportJobListResponse> {
      const now = clock.now();
      await repository.failStale(projectId, new Date(now.getTime() - STALE_MS), now);
      const limit = query.limit ?? LIST_LIMIT;
      const rows = await repository.list(projectId, limit + 1, decodeCursor(query.cursor));
      const { page, nextCursor } = pageOf(rows, limit, (r) => ({ at: r.createdAtKey, id: r.job.id }));
      return { jobs: page.map((r) => toImportJob(r.job)), nextCursor };
    },

    async get(projectId: string, jobId: string): Promise<ImportJob> {
      const row = await repository.find(projectId, jobId);
      if (!row) throw itemErrors.jobNotFound();
      return toImportJob(row);
    },

    /** Running jobs and those finished in the last minute, for the project's live progress messages. */
    async recent(projectId: string): Promise<ImportJob[]> {
      return (await repository.recent(projectId, new Date(clock.now().getTime() - RECENT_MS))).map(toImportJob);
    },

    /** Resolves when the job, if it runs in this process, has ended (tests). */
    async settle(jobId: string): Promise<void> {
      await running.get(jobId)?.outcome;
    },

    /** Shutdown: cancels the imports running here (they are recorded failed, nothing stays staged) and waits. */
    async close(): Promise<void> {
      const jobs = [...running.values()];
      for (const job of jobs) job.abort.abort();
      await Promise.all(jobs.map((job) => job.outcome));
    },
  };
}
export type ImportJobsService = ReturnType<typeof createImportJobsService>;
