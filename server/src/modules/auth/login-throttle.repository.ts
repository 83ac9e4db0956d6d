import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { AccountDelay } from '../../config.ts';
import type { Executor } from '../../db/client.ts';
import { loginAccountThrottle } from '../../db/schema/index.ts';

export type { AccountDelay };

const hashKey = (email: string) => createHash('sha256').update(`login-account:${email}`).digest('hex');

/** Per-email attempt counters with an exponential delay, shared by every instance through the database. */
export function createLoginThrottleRepository(db: Executor) {
  const t = loginAccountThrottle;
  return {
    /**
     * Claims one attempt for `email` if its delay is over: counts it and sets when the next may come, in one
     * statement (the row lock of ON CONFLICT serialises parallel claims). Returns undefined when refused.
     */
    async claim(email: string, now: Date, delay: AccountDelay): Promise<{ failures: number } | undefined> {
      const nowIso = now.toISOString();
      const forgotten = sql`${t.lastAttemptAt} <= ${nowIso}::timestamptz - make_interval(secs => ${delay.forgetAfterSeconds})`;
      const count = sql`(case when ${forgotten} then 1 else ${t.failures} + 1 end)`;
      // Attempt n (counted from 1) makes the next wait base * 2^(n - free) seconds once n reaches the free ones.
      const wait = (n: ReturnType<typeof sql>) =>
        sql`case when ${n} < ${delay.freeFailures} then 0 else least(${delay.baseDelaySeconds}::float8 * power(2, ${n} - ${delay.freeFailures}), ${delay.maxDelaySeconds}) end`;
      const [row] = await db
        .insert(t)
        .values({
          key: hashKey(email),
          failures: 1,
          nextAttemptAt: sql`${nowIso}::timestamptz + make_interval(secs => ${wait(sql`1`)})`,
          lastAttemptAt: now,
        })
        .onConflictDoUpdate({
          target: t.key,
          set: {
            failures: count,
            nextAttemptAt: sql`${nowIso}::timestamptz + make_interval(secs => ${wait(count)})`,
            lastAttemptAt: now,
          },
          setWhere: sql`${t.nextAttemptAt} <= ${nowIso}::timestamptz`,
        })
        .returning({ failures: t.failures });
      return row;
    },
    async nextAttemptAt(email: string): Promise<Date | undefined> {
      const [row] = await db
        .select({ at: t.nextAttemptAt })
        .from(t)
        .where(eq(t.key, hashKey(email)));
      return row?.at;
    },
    /** An attempt that was never checked (the server was busy): it does not count. */
    async refund(email: string) {
      await db
        .update(t)
        .set({ failures: sql`greatest(${t.failures} - 1, 0)` })
        .where(eq(t.key, hashKey(email)));
    },
    /** The right password: the consecutive failures are over. */
    async reset(email: string) {
      await db.delete(t).where(eq(t.key, hashKey(email)));
    },
  };
}
export type LoginThrottleRepository = ReturnType<typeof createLoginThrottleRepository>;
