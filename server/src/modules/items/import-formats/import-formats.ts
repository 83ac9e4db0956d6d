import type { ImportFormat, TaskKind } from '@feedbench/shared';
import { AppError } from '../../../lib/app-error.ts';
import type { ConvertedFormat, ImportConverter } from './converted-line.ts';
import { hhRlhfImport } from './hh-rlhf.ts';
import { openaiChatImport } from './openai-chat.ts';
import { trlPreferenceImport } from './trl-preference.ts';

/** The import counterparts of the export formats of the same names; `feedbench` (our own lines) needs none. */
export const IMPORT_CONVERTERS: Record<ConvertedFormat, ImportConverter> = {
  'hh-rlhf': hhRlhfImport,
  'trl-preference': trlPreferenceImport,
  'openai-chat': openaiChatImport,
};

export function converterFor(format: ImportFormat): ImportConverter | undefined {
  return format === 'feedbench' ? undefined : IMPORT_CONVERTERS[format];
}

export const importFormatErrors = {
  kindMismatch: (format: ImportFormat, needs: TaskKind, kind: TaskKind) =>
    new AppError(
      'import.format_needs_kind',
      422,
      `${format} files import into a ${needs} project; this one is a ${kind} project`,
      { format, kind },
    ),
};
