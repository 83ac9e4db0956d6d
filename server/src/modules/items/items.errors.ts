import type { ImportProblem } from '@feedbench/shared';
import { AppError } from '../../lib/app-error.ts';

/** How many problems an import report lists before it stops: enough to fix a file, bounded in size. */
export const MAX_REPORTED_PROBLEMS = 200;

export const itemErrors = {
  invalidLines: (problems: ImportProblem[], badLines: number) => {
    const first = problems[0];
    const head = first ? `line ${first.line}: ${first.field}: ${first.message}` : '';
    return new AppError(
      'import.invalid_lines',
      422,
      `The file was not imported: ${badLines} bad line${badLines === 1 ? '' : 's'} (${head})`,
      { problems, badLines },
    );
  },
  empty: () => new AppError('import.empty', 422, 'The file has no items'),
  unsupportedBody: (types: readonly string[]) =>
    new AppError(
      'import.unsupported_media_type',
      415,
      `Send the JSONL file itself as the request body, with Content-Type ${types.join(', ')}`,
      { field: 'content-type' },
    ),
  tooLarge: (maxBytes: number) =>
    new AppError('import.too_large', 413, `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB`, {
      maxBytes,
    }),
  unreadable: (reason: string) => new AppError('import.unreadable', 422, `The file could not be read: ${reason}`),
  unknownOutput: (index: number, item: string, output: string) =>
    new AppError('output_scores.unknown_output', 422, `scores.${index}: no output "${output}" on item "${item}"`, {
      path: `scores.${index}`,
    }),
  jobNotFound: () => new AppError('import_job.not_found', 404, 'No such import job'),
};
