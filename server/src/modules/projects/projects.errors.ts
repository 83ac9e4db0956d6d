import { AppError } from '../../lib/app-error.ts';

export const projectErrors = {
  // Non-members get 404, not 403: a project's existence is itself confidential.
  notFound: () => new AppError('project.not_found', 404, 'No such project'),
  researchersOnly: () => new AppError('project.forbidden', 403, 'Only researchers of this project may do this'),
  cannotCreate: () => new AppError('project.forbidden', 403, 'Only researchers and admins create projects'),
  unknownUser: (email: string) =>
    new AppError(
      'project.unknown_user',
      422,
      `No account with email ${email} in this project's workspace; an admin must add it there first`,
      {
        path: 'email',
      },
    ),
};
