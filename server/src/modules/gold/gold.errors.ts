import type { AnswerProblem } from '@feedbench/shared';
import { AppError } from '../../lib/app-error.ts';

export const goldErrors = {
  itemNotFound: () => new AppError('gold.item_not_found', 404, 'No such item in this project'),
  annotationNotFound: () => new AppError('gold.annotation_not_found', 404, 'No such annotation in this project'),
  notAnnotator: () => new AppError('gold.not_annotator', 404, 'No such annotator in this project'),
  notPaused: () => new AppError('gold.not_paused', 409, 'This annotator is not paused'),
  /** Reference answers are checked with the annotator's own rules (shared/answers.ts); each problem names its field. */
  invalidAnswers: (problems: AnswerProblem[]) =>
    new AppError(
      'gold.invalid_answers',
      422,
      problems.map((p) => `answers.${p.path.join('.')}: ${p.message}`).join('; '),
      { problems: problems.map((p) => ({ path: ['answers', ...p.path].join('.'), message: p.message })) },
    ),
};
