import type { ImportFormat, ImportResult, Question } from '@feedbench/shared';
import type { Database, Tx } from '../../db/client.ts';
import type { AssignmentService } from '../assignment/assignment.service.ts';
import { type AuditActor, type AuditRecorder, SYSTEM_ACTOR } from '../audit/audit.service.ts';
import type { ProjectEvents } from '../live/project-events.ts';
import { converterFor, importFormatErrors } from './import-formats/import-formats.ts';
import { createReferencesRepository } from './import-formats/references.repository.ts';
import { parseImportFile } from './import-parser.ts';
import { itemErrors } from './items.errors.ts';
import { createItemsRepository } from './items.repository.ts';

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters per statement. */
const BATCH = 500;

interface ProjectRef {
  id: string;
  kind: 'demonstration' | 'ranking';
  settings: { overlapTarget: number; questions: readonly Question[] };
}

export function createItemsService({
  db,
  assignment,
  events,
  audit,
}: {
  db: Database;
  assignment: Pick<AssignmentService, 'createSlots'>;
  events: Pick<ProjectEvents, 'publish'>;
  audit: AuditRecorder;
}) {
  return {
    /**
     * Imports a JSONL file whole or not at all; ids the project already has are left as they are; every item must fit
     * the project's template. Formats other than Feedbench's own keep the judgement each line carried as the item's
     * reference label. Audited as `by` (the researcher's request, or the system for seeds).
     */
    async importJsonl(
      project: ProjectRef,
      text: string,
      format: ImportFormat = 'feedbench',
      by: AuditActor = SYSTEM_ACTOR,
    ): Promise<ImportResult> {
      const converter = converterFor(format);
      if (converter && converter.kind !== project.kind) {
        throw importFormatErrors.kindMismatch(format, converter.kind, project.kind);
      }
      const parsed = parseImportFile(text, { kind: project.kind, questions: project.settings.questions }, format);
      if (parsed.badLines > 0) throw itemErrors.invalidLines(parsed.problems, parsed.badLines);
      if (parsed.lines.length === 0) throw itemErrors.empty();
      const created = await db.transaction(async (tx) => {
        let count = 0;
        for (let start = 0; start < parsed.lines.length; start += BATCH) {
          const rows = await createItemsRepository(tx).insertNew(project.id, parsed.lines.slice(start, start + BATCH));
          await assignment.createSlots(
            tx,
            rows.map((r) => r.id),
            project.settings.overlapTarget,
          );
          await createReferencesRepository(tx).insert(
            project.id,
            format,
            rows.flatMap((r) => {
              const label = parsed.references.get(r.externalId);
              return label ? [{ itemId: r.id, label }] : [];
            }),
          );
          count += rows.length;
        }
        return count;
      });
      await audit.record('items.import', by, { projectId: project.id, details: { bytes: text.length } });
      events.publish(project.id);
      const lines = parsed.lines.length + parsed.repeats;
      return { lines, created, existing: lines - created };
    },

    findItem: (itemId: string, tx?: Tx) => createItemsRepository(tx ?? db).findById(itemId),
    outputsOf: (itemId: string, tx?: Tx) => createItemsRepository(tx ?? db).outputsOf(itemId),
    incrementAnnotationCount: (tx: Tx, itemId: string) => createItemsRepository(tx).incrementAnnotationCount(itemId),
  };
}
export type ItemsService = ReturnType<typeof createItemsService>;
