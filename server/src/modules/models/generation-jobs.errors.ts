import { AppError } from '../../lib/app-error.ts';

export const generationErrors = {
  notFound: () => new AppError('generation_job.not_found', 404, 'No such generation job'),
  tooManyOutputs: (asked: number, max: number) =>
    new AppError(
      'generation_job.too_many_outputs',
      422,
      `${asked} outputs per item asked (connections x samples), but this project's items hold at most ${max}`,
      { path: 'samplesPerItem' },
    ),
  unknownItems: (count: number) =>
    new AppError('generation_job.unknown_items', 422, `${count} of the items named are not in this project`, {
      path: 'itemIds',
    }),
  notRunning: (status: string) =>
    new AppError('generation_job.not_running', 409, `The job is ${status} already: only a running job is cancelled`),
};
