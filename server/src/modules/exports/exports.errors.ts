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
  goldUnavailable: () =>
    new AppError('export.gold_unavailable', 422, 'minGoldAccuracy needs gold scores, which this server does not have', {
      field: 'minGoldAccuracy',
    }),
  judgesNeedRaw: () =>
    new AppError(
      'export.judges_need_raw',
      422,
      'includeJudges works with the raw format as JSON Lines only: judge answers never join human preference lines',
      { field: 'includeJudges' },
    ),
  jobNotFound: () => new AppError('export_job.not_found', 404, 'No such export job'),
  jobNotDone: (status: string) =>
    new AppError('export_job.not_done', 409, `The export job is ${status}: its file is not ready`, { status }),
  snapshotNameTaken: (name: string) =>
    new AppError('snapshot.name_taken', 409, `This project already has a snapshot named "${name}"`, { name }),
  snapshotNotFound: () => new AppError('snapshot.not_found', 404, 'No such snapshot'),
  snapshotFileNotFound: (file: string) =>
    new AppError('snapshot.file_not_found', 404, `The snapshot has no file "${file}"`, { file }),
};
