import { AppError } from '../../lib/app-error.ts';

export const modelErrors = {
  // Anyone who may not manage a connection gets 404: which endpoints a workspace uses is its own business.
  notFound: () => new AppError('model_connection.not_found', 404, 'No such model connection'),
  instanceAdminsOnly: () =>
    new AppError(
      'model_connection.forbidden',
      403,
      'Only instance admins (signed in, not with an API token) manage instance-wide connections: name a workspaceId',
      { path: 'workspaceId' },
    ),
  nameTaken: (name: string) =>
    new AppError('model_connection.name_taken', 409, `A connection named ${name} exists already here`, {
      path: 'name',
    }),
  urlRefused: (reason: string) =>
    new AppError('model_connection.url_refused', 422, `This base URL is refused: ${reason}`, { path: 'baseUrl' }),
  secretUnavailable: (reason: string) =>
    new AppError('model_connection.secret_unavailable', 422, `API keys cannot be stored: ${reason}`, {
      path: 'apiKey',
    }),
  cannotCreateProjects: () =>
    new AppError(
      'model_connection.forbidden',
      403,
      'Only researchers and admins, who create projects, list the connections a new project may use',
    ),
  notUsableInProject: (connectionId: string) =>
    new AppError(
      'model_connection.not_usable',
      422,
      `Connection ${connectionId} is not one of this project's workspace (or instance-wide)`,
      { path: 'connectionIds' },
    ),
};
