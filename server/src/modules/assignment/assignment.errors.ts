import { AppError } from '../../lib/app-error.ts';

export const assignmentErrors = {
  leaseNotFound: () => new AppError('assignment.lease_not_found', 404, 'No such task'),
  overlapFull: () =>
    new AppError(
      'assignment.overlap_full',
      409,
      'Your task expired and this item already has all the annotations it needs; your text is kept as a draft',
    ),
  leaseClosed: (state: string) => new AppError('assignment.lease_closed', 409, `This task was already ${state}`),
  leaseLost: () =>
    new AppError(
      'assignment.lease_lost',
      409,
      'This task expired and went to another annotator; your work is kept as a draft and can still be submitted if the item has room',
    ),
  annotatorPaused: (reason: string | null) =>
    new AppError(
      'assignment.annotator_paused',
      403,
      `Your new tasks are paused while your answers on control items are reviewed; please contact the project's researcher.${
        reason ? ` Reason: ${reason}` : ''
      }`,
      { pausedReason: reason },
    ),
  alreadyAnnotated: () => new AppError('assignment.already_annotated', 409, 'You already annotated this item'),
};
