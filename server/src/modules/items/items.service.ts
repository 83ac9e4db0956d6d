import type {
  ImportFormat,
  ImportPreview,
  ImportResult,
  OutputScoresBody,
  OutputScoresResponse,
} from '@feedbench/shared';
import type { Database, Tx } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AssignmentService } from '../assignment/assignment.service.ts';
import { type AuditActor, type AuditRecorder, SYSTEM_ACTOR } from '../audit/audit.service.ts';
import type { ProjectEvents } from '../live/project-events.ts';
import { createImportJobsService, type ImportProject } from './import-jobs.service.ts';
import { previewImport } from './import-preview.ts';
import { itemErrors } from './items.errors.ts';
import { createItemsRepository, type ItemsRepository } from './items.repository.ts';

export function createItemsService({
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
  const imports = createImportJobsService({ db, clock, assignment, events, audit });

  async function writeOutputScores(projectId: string, body: OutputScoresBody): Promise<OutputScoresResponse> {
    return db.transaction(async (tx) => {
      const hit = await createItemsRepository(tx).setOutputScores(projectId, body.scores);
      const hitIndexes = new Set(hit.map((h) => h.index));
      const missing = body.scores.findIndex((_, index) => !hitIndexes.has(index));
      const entry = body.scores[missing];
      if (entry) throw itemErrors.unknownOutput(missing, entry.item, entry.output);
      const itemIds = [...new Set(hit.map((h) => h.itemId))];
      for (let start = 0; start < itemIds.length; start += MARGIN_BATCH) {
        await assignment.refreshScoreMargins(tx, projectId, itemIds.slice(start, start + MARGIN_BATCH));
      }
      return { outputs: hit.length, items: itemIds.length };
    });
  }

  return {
    /** Imports of files of any size, streamed (import-jobs.service.ts). */
    imports,

    /**
     * Imports a JSONL text whole or not at all (demo seed, benches, CLI of old): the same streamed path as an uploaded
     * file. Ids the project already has are left as they are; every item must fit the project's template. Audited as
     * `by` (the system for seeds).
     */
    importJsonl(
      project: ImportProject,
      text: string,
      format: ImportFormat = 'feedbench',
      by: AuditActor = SYSTEM_ACTOR,
    ): Promise<ImportResult> {
      return imports.importWhole(project, by, { body: [text], format });
    },

    /**
     * Sets reward-model scores of outputs (researchers; access checked by the route), all or nothing: an entry naming
     * no output of the project refuses the whole request (422 with its index). The items' score margins follow in the
     * same transaction, so the score-margin policy never claims by a stale margin. Audited as `by` (a refused
     * request writes nothing, audit included).
     */
    async setOutputScores(by: AuditActor, projectId: string, body: OutputScoresBody): Promise<OutputScoresResponse> {
      const result = await writeOutputScores(projectId, body);
      const cleared = body.scores.filter((s) => s.score === null).length;
      await audit.record('output_scores.set', by, { projectId, details: { ...result, cleared } });
      return result;
    },

    /** The same write without an audit event of its own: a scoring job's (audited when it starts). */
    writeOutputScores,

    /** The head of a file, checked line by line as its import would be; nothing is stored (import-preview.ts). */
    preview(
      project: ImportProject,
      source: { body: AsyncIterable<Buffer | string>; format: ImportFormat; lines: number; partial: boolean },
    ): Promise<ImportPreview> {
      return previewImport({ kind: project.kind, questions: project.settings.questions }, source);
    },

    findItem: (itemId: string, tx?: Tx) => createItemsRepository(tx ?? db).findById(itemId),
    outputsOf: (itemId: string, tx?: Tx) => createItemsRepository(tx ?? db).outputsOf(itemId),
    incrementAnnotationCount: (tx: Tx, itemId: string) => createItemsRepository(tx).incrementAnnotationCount(itemId),
    outputCounts: (itemIds: string[]) => createItemsRepository(db).outputCounts(itemIds),
    /** A generation job's output (models module), in the job's transaction; null when not added (see repository). */
    addGeneratedOutput: (tx: Tx, output: Parameters<ItemsRepository['insertGeneratedOutput']>[0]) =>
      createItemsRepository(tx).insertGeneratedOutput(output),
  };
}
export type ItemsService = ReturnType<typeof createItemsService>;

/** Items per margin statement (each lists its item ids as parameters). */
const MARGIN_BATCH = 5000;
