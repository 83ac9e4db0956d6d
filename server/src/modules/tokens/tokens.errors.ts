import { AppError } from '../../lib/app-error.ts';

export const tokenErrors = {
  notFound: () => new AppError('token.not_found', 404, 'No such API token'),
  reauthFailed: () =>
    new AppError('token.wrong_password', 403, 'Enter your current password to create an API token', {
      path: 'password',
    }),
  sessionOnly: () =>
    new AppError('token.session_required', 403, 'API tokens are created in the web app, not with another token'),
  projectOutOfReach: (projectId: string) =>
    new AppError('token.project_out_of_reach', 422, `You are not a member of project ${projectId}`, {
      path: 'projectIds',
    }),
};
