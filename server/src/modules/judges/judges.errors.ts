import { AppError } from '../../lib/app-error.ts';

export const judgeErrors = {
  notFound: () => new AppError('judge.not_found', 404, 'No such judge in this project'),
  nameTaken: (name: string) =>
    new AppError('judge.name_taken', 409, `This project already has a judge named "${name}"`, { field: 'name' }),
  connectionUnusable: () =>
    new AppError('judge.connection_unusable', 422, 'This project may not use that model connection', {
      field: 'connectionId',
    }),
  unknownJudges: (ids: string[]) =>
    new AppError('judge_job.unknown_judges', 422, `No such judge in this project: ${ids.join(', ')}`, {
      field: 'judgeIds',
      ids,
    }),
  unknownItems: (ids: string[], field: 'itemIds' | 'externalIds' = 'itemIds') =>
    new AppError(
      'judge_job.unknown_items',
      422,
      `Not items of this project: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ` and ${ids.length - 5} more` : ''}`,
      { field, count: ids.length },
    ),
  nothingToJudge: () =>
    new AppError('judge_job.nothing_to_judge', 422, 'Every selected item already has an answer from these judges', {
      field: 'redo',
    }),
  jobNotFound: () => new AppError('judge_job.not_found', 404, 'No such judging job'),
  jobNotRunning: (status: string) =>
    new AppError('judge_job.not_running', 409, `The job is ${status}: only a running job can be cancelled`, {
      status,
    }),
  nothingToScore: () =>
    new AppError('score_job.nothing_to_score', 422, 'Every selected item already has scores from this connection', {
      field: 'redo',
    }),
  scoreJobNotFound: () => new AppError('score_job.not_found', 404, 'No such scoring job'),
  chatProject: () =>
    new AppError(
      'judge.chat_project',
      422,
      "A chat project's replies are sampled and ranked live, turn by turn: judges and reward-model scores work on " +
        'projects whose items carry their outputs',
      { field: 'projectId' },
    ),
  judgeConnectionGone: (names: string[]) =>
    new AppError(
      'judge_job.connection_unusable',
      422,
      `The model connection of ${names.join(', ')} is gone or no longer usable by this project: make a judge on another`,
      { field: 'judgeIds', judges: names },
    ),
  suggestedJudge: () =>
    new AppError(
      'judge.suggested',
      409,
      "Annotators are shown this judge's answers: turn suggestions off or choose another judge first",
      { field: 'judgeId' },
    ),
  nothingToMeasure: () =>
    new AppError(
      'judge.experiment_unmeasurable',
      422,
      'The anchoring experiment compares answers with the judge on questions it can score (ranking, pairwise, best of ' +
        'K, ratings, attributes, flags, choices); this template has none: show suggestions to everyone or to no one',
      { field: 'mode' },
    ),
  noMetadataKey: () =>
    new AppError('judge.bad_category', 422, 'category must be an item metadata key', { field: 'category' }),
};
