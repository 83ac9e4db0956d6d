import type { Clock } from '../../lib/clock.ts';
import type { RateLimitRepository } from '../../plugins/rate-limit.repository.ts';
import { type LoginLimits, rateLimitErrors } from '../../plugins/rate-limit.ts';
import type { AccountDelay, LoginThrottleRepository } from './login-throttle.repository.ts';

/**
 * Sign-in throttling. Every attempt is counted before its password is checked, in one atomic statement per counter,
 * and refused at once past a limit (so parallel guesses cannot all pass a check made before any of them is counted,
 * and a refused guess learns nothing, right or wrong). What turns out not to be a failure is handed back afterwards:
 * a right password, or a request the server was too busy to check. Three counters, keyed on what was typed, never
 * on what exists (the answers are the same for an unknown email):
 * - per (client address, email), fixed window: one address guessing one account;
 * - per client address, fixed window: password spraying across emails;
 * - per email across all addresses: after `freeFailures` consecutive failures each attempt must wait a delay that
 *   doubles up to `maxDelaySeconds` (OWASP Authentication Cheat Sheet, "account lockout": exponential back-off rather
 *   than a permanent lock an attacker could hold), forgotten after a quiet while and reset by a successful sign-in.
 */
export function createLoginThrottle(deps: {
  hits: RateLimitRepository;
  accounts: LoginThrottleRepository;
  clock: Clock;
  limits: LoginLimits;
  accountDelay: AccountDelay;
}) {
  const { hits, accounts, clock, limits, accountDelay } = deps;
  const windowMs = limits.windowMinutes * 60 * 1000;

  return {
    /** Counts an attempt by `address` for `email`; throws 429 when over a limit. Settle the attempt afterwards. */
    async begin(address: string, email: string) {
      const typed = email.toLowerCase();
      const counters = [
        { key: `login-failures:${address}|${typed}`, max: limits.failuresPerAccount },
        { key: `login-failures-address:${address}`, max: limits.failuresPerAddress },
      ];
      const counted: string[] = [];
      const giveBack = () => Promise.all(counted.map((key) => hits.refund(key)));
      for (const counter of counters) {
        const now = clock.now();
        const row = await hits.hit(counter.key, windowMs, now);
        counted.push(counter.key);
        if (row.hits > counter.max) {
          await giveBack();
          throw rateLimitErrors.tooManyLogins((row.windowStartedAt.getTime() + windowMs - now.getTime()) / 1000);
        }
      }
      const now = clock.now();
      if (!(await accounts.claim(typed, now, accountDelay))) {
        await giveBack();
        const next = await accounts.nextAttemptAt(typed);
        throw rateLimitErrors.tooManyLogins(next ? (next.getTime() - now.getTime()) / 1000 : 1);
      }
      return {
        /** Wrong password (or no such account): the counts stay. */
        failed: async () => {},
        /** The right password: it was not a failure, and the email's consecutive failures are over. */
        succeeded: async () => {
          await giveBack();
          await accounts.reset(typed);
        },
        /** Never checked (the server was busy): it does not count. */
        unchecked: async () => {
          await giveBack();
          await accounts.refund(typed);
        },
      };
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
