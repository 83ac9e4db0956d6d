import { AppError } from '../../lib/app-error.ts';

export const authErrors = {
  // One message whether the account exists or not.
  badCredentials: () => new AppError('auth.bad_credentials', 401, 'Wrong email or password'),
  isBadCredentials: (error: unknown) => error instanceof AppError && error.code === 'auth.bad_credentials',
  disabled: () => new AppError('auth.disabled', 403, 'This account is disabled; ask an admin to enable it'),
  wrongPassword: () =>
    new AppError('auth.wrong_password', 422, 'The current password is wrong', { path: 'currentPassword' }),
  noUser: () => new AppError('user.not_found', 404, 'No such account'),
  cannotDisableSelf: () => new AppError('user.cannot_disable_self', 409, 'You cannot disable your own account'),
  resetOwnPassword: () =>
    new AppError(
      'user.reset_own_password',
      409,
      'Change your own password with your current one (Security page, or PUT /api/auth/password)',
    ),
  emailTaken: (email: string) => new AppError('auth.email_taken', 409, `An account with email ${email} already exists`),
  // Password hashing is bounded (see hash-scheduler.ts): past the bound, refuse at once rather than pile up.
  tooManyAtOnce: () =>
    new AppError('auth.too_many_at_once', 429, 'Too many sign-ins at once from your address; try again in a moment', {
      retryAfterSeconds: 1,
    }),
  busy: () =>
    new AppError('auth.busy', 503, 'The server is busy checking other sign-ins; try again in a moment', {
      retryAfterSeconds: 1,
    }),
};
