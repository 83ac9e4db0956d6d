import { AppError } from '../../lib/app-error.ts';

export const draftErrors = {
  alreadySubmitted: () =>
    new AppError('draft.already_submitted', 409, 'This item is already submitted; a draft cannot replace it'),
};
