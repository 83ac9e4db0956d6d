import { createHash } from 'node:crypto';
import { eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { rateLimitHits } from '../db/schema/index.ts';

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** Fixed-window counters in PostgreSQL, one row per key, so every instance counts against the same limit. */
export function createRateLimitRepository(db: Executor) {
  return {
    /** Counts one hit and returns the window's count; one statement, so concurrent hits never lose a count. */
    async hit(key: string, windowMs: number, now: Date): Promise<{ hits: number; windowStartedAt: Date }> {
      const nowIso = now.toISOString();
      const windowOver = sql`${rateLimitHits.windowStartedAt} <= ${nowIso}::timestamptz - make_interval(secs => ${windowMs / 1000})`;
      const [row] = await db
        .insert(rateLimitHits)
        .values({ key: hashKey(key), hits: 1, windowStartedAt: now })
        .onConflictDoUpdate({
          target: rateLimitHits.key,
          set: {
            hits: sql`case when ${windowOver} then 1 else ${rateLimitHits.hits} + 1 end`,
            windowStartedAt: sql`case when ${windowOver} then ${nowIso}::timestamptz else ${rateLimitHits.windowStartedAt} end`,
          },
        })
        .returning({ hits: rateLimitHits.hits, windowStartedAt: rateLimitHits.windowStartedAt });
      if (!row) throw new Error('rate limit upsert returned no row');
      return row;
    },
    async read(key: string): Promise<{ hits: number; windowStartedAt: Date } | undefined> {
      const [row] = await db
        .select({ hits: rateLimitHits.hits, windowStartedAt: rateLimitHits.windowStartedAt })
        .from(rateLimitHits)
        .where(eq(rateLimitHits.key, hashKey(key)));
      return row;
    },
    /** Takes back one hit of the current window (an attempt counted up front that turned out not to count). */
    async refund(key: string) {
      await db
        .update(rateLimitHits)
        .set({ hits: sql`greatest(${rateLimitHits.hits} - 1, 0)` })
        .where(eq(rateLimitHits.key, hashKey(key)));
    },
    async deleteOlderThan(cutoff: Date) {
      await db.delete(rateLimitHits).where(lt(rateLimitHits.windowStartedAt, cutoff));
    },
  };
}
export type RateLimitRepository = ReturnType<typeof createRateLimitRepository>;
