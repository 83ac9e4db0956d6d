import { AppError } from '../../lib/app-error.ts';

export const chatErrors = {
  notChat: () =>
    new AppError('chat.not_chat_project', 409, 'This task is not a live chat (the project is not of kind chat)'),
  notConfigured: () =>
    new AppError(
      'chat.not_configured',
      409,
      'The project has no chat settings (settings.chat): a researcher sets them',
    ),
  submitted: () => new AppError('chat.submitted', 409, 'This conversation is submitted; it cannot change any more'),
  turnOpen: (turnNo: number) =>
    new AppError('chat.turn_open', 409, `Turn ${turnNo} is not completed yet: answer its questions first`, {
      turnNo,
    }),
  turnLimit: (limit: number) =>
    new AppError('chat.turn_limit', 409, `The conversation reached its limit of ${limit} turns: submit it`, { limit }),
  tokenBudget: (used: number, budget: number) =>
    new AppError(
      'chat.token_budget_exceeded',
      409,
      `The conversation used ${used} of its ${budget} tokens: no new model call (submit it)`,
      { used, budget },
    ),
  timeBudget: (deadline: Date) =>
    new AppError(
      'chat.time_budget_exceeded',
      409,
      `The conversation's time budget ended at ${deadline.toISOString()}: no new model call (submit it)`,
      { deadline: deadline.toISOString() },
    ),
  turnNotFound: (turnNo: number) => new AppError('chat.turn_not_found', 404, `No turn ${turnNo} in this conversation`),
  turnCompleted: (turnNo: number) =>
    new AppError('chat.turn_completed', 409, `Turn ${turnNo} is completed; its answers no longer change`),
  candidateNotFound: () => new AppError('chat.candidate_not_found', 404, 'No such candidate in this conversation'),
  candidateBusy: () =>
    new AppError('chat.candidate_streaming', 409, 'That candidate is still streaming: stop it first or wait'),
  stillStreaming: () =>
    new AppError('chat.candidates_streaming', 409, 'Candidates of this turn are still streaming: wait or stop them'),
  notChoosable: (label: string, state: string) =>
    new AppError(
      'chat.candidate_not_choosable',
      422,
      `Candidate ${label} is ${state}: regenerate it before choosing it`,
      { path: 'chosenId' },
    ),
  chosenNotPreferred: (label: string) =>
    new AppError(
      'chat.chosen_not_preferred',
      422,
      `Candidate ${label} is not among the best in your ranking: choose one of them`,
      { path: 'chosenId' },
    ),
  slotUnusable: () =>
    new AppError('chat.connection_unusable', 422, 'A candidate slot names a model connection this project cannot use', {
      path: 'settings.chat.candidates',
    }),
};
