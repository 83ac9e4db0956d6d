import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Consecutive failed sign-ins per typed email, across every client address: each attempt past the free ones must
 * wait an exponentially growing delay (modules/auth/login-throttle.ts). Claimed before the password is checked, in
 * one statement, so parallel guesses cannot slip past it.
 */
export const loginAccountThrottle = pgTable('login_account_throttle', {
  /** SHA-256 of the lower-cased email as typed (whether or not an account has it). */
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  /** No attempt for this email is checked before this moment. */
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
  lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }).notNull(),
});
