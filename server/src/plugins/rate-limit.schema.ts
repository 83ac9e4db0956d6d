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
