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
};
