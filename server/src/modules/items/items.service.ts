import type { ImportFormat, ImportResult } from '@feedbench/shared';
import type { Database, Tx } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AssignmentService } from '../assignment/assignment.service.ts';
import { type AuditActor, type AuditRecorder, SYSTEM_ACTOR } from '../audit/audit.service.ts';
import type { ProjectEvents } from '../live/project-events.ts';
import { createImportJobsService, type ImportProject } from './import-jobs.service.ts';
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
  assignment: Pick<AssignmentService, 'createSlots'>;
  events: Pick<ProjectEvents, 'publish'>;
  audit: AuditRecorder;
}) {
  const imports = createImportJobsService({ db, clock, assignment, events, audit });
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

    findItem: (itemId: string, tx?: Tx) => createItemsRepository(tx ?? db).findById(itemId),
    outputsOf: (itemId: string, tx?: Tx) => createItemsRepository(tx ?? db).outputsOf(itemId),
    incrementAnnotationCount: (tx: Tx, itemId: string) => createItemsRepository(tx).incrementAnnotationCount(itemId),
    /** A generation job's output (models module), in the job's transaction; null when not added (see repository). */
    addGeneratedOutput: (tx: Tx, output: Parameters<ItemsRepository['insertGeneratedOutput']>[0]) =>
      createItemsRepository(tx).insertGeneratedOutput(output),
  };
}
export type ItemsService = ReturnType<typeof createItemsService>;
