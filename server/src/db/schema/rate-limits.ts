import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Counters of the rate limiter (login failures, token creation), shared by every instance: @fastify/rate-limit's
 * default store lives in one process's memory, so N instances would allow N times the limit (PEERS.md).
 */
export const rateLimitHits = pgTable('rate_limit_hits', {
  /** SHA-256 of limiter name + key: the table holds no email or IP address in clear. */
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
});

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
