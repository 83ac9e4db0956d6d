import { AppError } from '../../lib/app-error.ts';

export const adjudicationErrors = {
  reviewersOnly: () =>
    new AppError('adjudication.forbidden', 403, 'Only reviewers and researchers of this project adjudicate'),
  itemNotFound: () => new AppError('adjudication.item_not_found', 404, 'No such item in this project'),
  invalidAnswers: (problems: unknown) =>
    new AppError('adjudication.invalid_answers', 422, 'The adjudicated answers do not fit the template', {
      problems,
    }),
};
