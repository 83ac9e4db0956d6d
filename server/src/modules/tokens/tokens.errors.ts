import { AppError } from '../../lib/app-error.ts';

export const tokenErrors = {
  notFound: () => new AppError('token.not_found', 404, 'No such API token'),
  reauthFailed: () =>
    new AppError('token.wrong_password', 403, 'Enter your current password to create an API token', {
      path: 'password',
    }),
  sessionOnly: () =>
    new AppError('token.session_required', 403, 'API tokens are created in the web app, not with another token'),
  adminSessionOnly: () =>
    new AppError('token.session_required', 403, "Every account's tokens are listed to an admin's session, not a token"),
  workspaceOutOfReach: () =>
    new AppError('token.workspace_out_of_reach', 422, 'You are not a member of that workspace', {
      path: 'workspaceId',
    }),
  projectOutOfReach: (projectId: string) =>
    new AppError(
      'token.project_out_of_reach',
      422,
      `You are not a member of project ${projectId} in the token's workspace`,
      {
        path: 'projectIds',
      },
    ),
};
