import { AppError } from '../../lib/app-error.ts';

export const reviewErrors = {
  annotationNotFound: () => new AppError('review.annotation_not_found', 404, 'No such annotation'),
  reviewersOnly: () => new AppError('review.forbidden', 403, 'Only reviewers and researchers of this project review'),
  ownWork: () => new AppError('review.own_work', 403, 'Nobody reviews their own annotation'),
  alreadyReviewed: () => new AppError('review.already_reviewed', 409, 'This annotation already has a verdict'),
  invalidCorrection: (problems: unknown) =>
    new AppError('review.invalid_correction', 422, 'The corrected answers do not fit the template', { problems }),
};
