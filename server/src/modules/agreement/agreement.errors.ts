import { AppError } from '../../lib/app-error.ts';

export const agreementErrors = {
  unknownQuestion: (questionId: string, known: string[]) =>
    new AppError(
      'agreement.unknown_question',
      422,
      `No question "${questionId}" in this project's template (questions: ${known.join(', ') || 'none'})`,
      { path: 'question' },
    ),
  noAgreement: (questionId: string, type: string) =>
    new AppError(
      'agreement.no_agreement',
      422,
      `Question "${questionId}" is a ${type} question: agreement is computed for ranking and rating questions`,
      { path: 'question' },
    ),
  questionRequired: (type: string, candidates: string[]) =>
    new AppError(
      'agreement.question_required',
      422,
      candidates.length === 0
        ? `This project has no ${type} question`
        : `This project has several ${type} questions (${candidates.join(', ')}): name one with --question`,
      { path: 'question' },
    ),
};
