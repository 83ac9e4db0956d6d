import { AppError } from '../../lib/app-error.ts';

export const authErrors = {
  // One message whether the account exists or not.
  badCredentials: () => new AppError('auth.bad_credentials', 401, 'Wrong email or password'),
  isBadCredentials: (error: unknown) => error instanceof AppError && error.code === 'auth.bad_credentials',
  emailTaken: (email: string) => new AppError('auth.email_taken', 409, `An account with email ${email} already exists`),
};
