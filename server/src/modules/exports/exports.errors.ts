import type { ExportFormat, TaskKind } from '@feedbench/shared';
import { AppError } from '../../lib/app-error.ts';

export const exportErrors = {
  formatNeedsKind: (format: ExportFormat, kinds: readonly TaskKind[], kind: TaskKind) =>
    new AppError(
      'export.format_needs_kind',
      422,
      `The ${format} format needs a ${kinds.join(' or ')} project; this one is a ${kind} project`,
      { format, kind },
    ),
  snapshotNameTaken: (name: string) =>
    new AppError('snapshot.name_taken', 409, `This project already has a snapshot named "${name}"`, { name }),
  snapshotNotFound: () => new AppError('snapshot.not_found', 404, 'No such snapshot'),
  snapshotFileNotFound: (file: string) =>
    new AppError('snapshot.file_not_found', 404, `The snapshot has no file "${file}"`, { file }),
};
