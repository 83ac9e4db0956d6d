import { AppError } from '../../lib/app-error.ts';

export const projectErrors = {
  invalidSettings: (problems: { path: (string | number)[]; message: string }[]) =>
    new AppError(
      'project.invalid_settings',
      422,
      problems.map((p) => `settings.${p.path.join('.')}: ${p.message}`).join('; '),
      problems.map((p) => ({ path: ['settings', ...p.path].join('.'), message: p.message })),
    ),
  // Non-members get 404, not 403: a project's existence is itself confidential.
  notFound: () => new AppError('project.not_found', 404, 'No such project'),
  researchersOnly: () => new AppError('project.forbidden', 403, 'Only researchers of this project may do this'),
  cannotCreate: () => new AppError('project.forbidden', 403, 'Only researchers and admins create projects'),
  noMember: () => new AppError('project.no_member', 404, 'That account is not a member of this project'),
  lastResearcher: () =>
    new AppError('project.last_researcher', 409, 'A project keeps at least one researcher; add another one first'),
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
