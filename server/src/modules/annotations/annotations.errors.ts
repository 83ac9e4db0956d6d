import type { AnswerProblem } from '@feedbench/shared';
import { AppError } from '../../lib/app-error.ts';

export const annotationErrors = {
  invalidAnswers: (problems: AnswerProblem[]) =>
    new AppError(
      'annotation.invalid_answers',
      422,
      problems.map((p) => `answers.${p.path.join('.')}: ${p.message}`).join('; '),
      { problems: problems.map((p) => ({ path: ['answers', ...p.path].join('.'), message: p.message })) },
    ),
};
