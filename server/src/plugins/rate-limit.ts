import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/app-error.ts';
import type { Clock } from '../lib/clock.ts';
import type { RateLimitRepository } from './rate-limit.repository.ts';

export interface LoginLimits {
  /** Failed sign-ins allowed per (client address, email) in one window. */
  failuresPerAccount: number;
  /** Failed sign-ins allowed per client address in one window, whatever the emails (password spraying). */
  failuresPerAddress: number;
  windowMinutes: number;
}

export const rateLimitErrors = {
  // Worded the same whether the email belongs to an account or not: counters key on what was typed, not on what
  // exists, so neither the message nor the moment it appears tells the two apart.
  tooManyLogins: (retryAfterSeconds: number) =>
    new AppError(
      'auth.too_many_attempts',
      429,
      retryAfterSeconds < 60
        ? `Too many failed sign-in attempts. Try again in ${Math.max(1, Math.ceil(retryAfterSeconds))} s.`
        : `Too many failed sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
      { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) },
    ),
  tooMany: (retryAfterSeconds: number) =>
    new AppError('request.rate_limited', 429, `Too many requests. Try again in ${retryAfterSeconds} s.`, {
      retryAfterSeconds,
    }),
};

type StoreCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** A @fastify/rate-limit store on PostgreSQL (its default store is one process's memory: N instances, N times). */
function postgresStore(repository: RateLimitRepository, clock: Clock) {
  let writes = 0;
  return class PostgresRateLimitStore {
    incr(key: string, callback: StoreCallback, timeWindow: number) {
      const now = clock.now();
      repository.hit(key, timeWindow, now).then((row) => {
        // Old windows are swept now and then, off the request's path.
        if (++writes % 500 === 0)
          void repository.deleteOlderThan(new Date(now.getTime() - 24 * 3600 * 1000)).catch(() => {});
        callback(null, { current: row.hits, ttl: row.windowStartedAt.getTime() + timeWindow - now.getTime() });
      }, callback);
    }
    read(key: string, callback: StoreCallback, timeWindow: number) {
      const now = clock.now();
      repository.read(key).then((row) => {
        const ttl = row ? row.windowStartedAt.getTime() + timeWindow - now.getTime() : 0;
        callback(null, row && ttl > 0 ? { current: row.hits, ttl } : { current: 0, ttl: 0 });
      }, callback);
    }
    child() {
      return new PostgresRateLimitStore();
    }
  };
}

/** Registers @fastify/rate-limit (no global limit: routes opt in) with the shared PostgreSQL store. */
export async function registerRateLimiting(
  app: FastifyInstance,
  deps: { repository: RateLimitRepository; clock: Clock },
) {
  await app.register(rateLimit, {
    global: false,
    store: postgresStore(deps.repository, deps.clock),
    errorResponseBuilder: (_request, context) => rateLimitErrors.tooMany(Math.ceil(context.ttl / 1000)),
  });
}
