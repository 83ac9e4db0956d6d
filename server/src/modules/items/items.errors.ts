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
};
