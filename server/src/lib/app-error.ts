/**
 * An error with a stable code (`module.reason`) and an HTTP status. Modules build theirs through small factories
 * (see `*.errors.ts`); the error handler turns them into `{ error: { code, message, details } }`.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const commonErrors = {
  unauthenticated: () => new AppError('auth.unauthenticated', 401, 'Sign in first'),
  badToken: () => new AppError('auth.bad_token', 401, 'The API token is malformed, unknown, expired or revoked'),
  readOnlyToken: () => new AppError('auth.read_only_token', 403, 'This API token may only read (GET)'),
  forbidden: (what = 'this') => new AppError('auth.forbidden', 403, `You may not do ${what}`),
  notFound: (what: string) => new AppError(`${what}.not_found`, 404, `No such ${what}`),
};
