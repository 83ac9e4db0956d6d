import type { Message } from '@feedbench/shared';
import { and, desc, eq, gte, inArray, or, sql } from 'drizzle-orm';
import { type Executor, rawRows } from '../../db/client.ts';
import { generationJobs, generationSamples } from '../../db/schema/index.ts';

export type GenerationJobRow = typeof generationJobs.$inferSelect;

export interface ClaimedSample {
  id: string;
  itemId: string;
  connectionId: string;
  sampleIndex: number;
  attempts: number;
  conversation: Message[];
}

export interface SampleCounts {
  pending: number;
  running: number;
  done: number;
  failed: number;
  skipped: number;
  cancelled: number;
  items: number;
  /** Earliest time a pending sample may be claimed (backoff), or a running claim expires; null: none. */
  nextAt: Date | null;
}

const EMPTY_COUNTS: SampleCounts = {
  pending: 0,
  running: 0,
  done: 0,
  failed: 0,
  skipped: 0,
  cancelled: 0,
  items: 0,
  nextAt: null,
};

export function createGenerationJobsRepository(db: Executor) {
  return {
    async insert(job: typeof generationJobs.$inferInsert): Promise<GenerationJobRow> {
      const [row] = await db.insert(generationJobs).values(job).returning();
      if (!row) throw new Error('generation job insert returned nothing');
      return row;
    },

    /**
     * Gives the job every missing sample of the project's unanswered items (or of `itemIds`) x connections x indices
     * 0..N-1, in one statement (reads items: a documented read model). A sample that exists already is left to its
     * job, unless it ended failed, skipped or cancelled: then this job tries it again. Returns how many it got.
     */
    async assignSamples(args: {
      jobId: string;
      projectId: string;
      connectionIds: string[];
      samplesPerItem: number;
      itemIds: string[] | null;
      now: Date;
    }): Promise<number> {
      const items = args.itemIds ? sql`and i.id = any(${`{${args.itemIds.join(',')}}`}::uuid[])` : sql``;
      const [row] = await rawRows<{ assigned: number }>(
        db,
        sql`with assigned as (
          insert into generation_samples (job_id, item_id, connection_id, sample_index, status, updated_at)
          select ${args.jobId}::uuid, i.id, c.id, g.n, 'pending', ${args.now.toISOString()}::timestamptz
          from items i
          cross join unnest(${`{${args.connectionIds.join(',')}}`}::uuid[]) as c(id)
          cross join generate_series(0, ${args.samplesPerItem - 1}) as g(n)
          where i.project_id = ${args.projectId}::uuid and i.annotation_count = 0 ${items}
          on conflict (item_id, connection_id, sample_index) do update
            set job_id = excluded.job_id, status = 'pending', attempts = 0, error = null, not_before = null,
                claim_token = null, claimed_until = null, updated_at = excluded.updated_at
            where generation_samples.status in ('failed', 'skipped', 'cancelled')
          returning 1
        )
        select count(*)::int as assigned from assigned`,
      );
      return row?.assigned ?? 0;
    },

    async setTotal(jobId: string, samplesTotal: number) {
      await db.update(generationJobs).set({ samplesTotal }).where(eq(generationJobs.id, jobId));
    },

    /**
     * Claims up to `limit` samples of one item and connection (one call asks `n` choices for them): pending ones whose
     * backoff has passed, or running ones whose claim expired (their worker died). FOR UPDATE SKIP LOCKED (raw SQL:
     * drizzle cannot say it) lets any number of workers, in any number of processes, claim without waiting on each
     * other or taking the same row. The item's conversation comes along (a read of items).
     */
    async claim(args: {
      jobId: string;
      limit: number;
      token: string;
      now: Date;
      until: Date;
    }): Promise<ClaimedSample[]> {
      const now = args.now.toISOString();
      const claimable = sql`s.job_id = ${args.jobId}::uuid
        and ((s.status = 'pending' and (s.not_before is null or s.not_before <= ${now}::timestamptz))
          or (s.status = 'running' and s.claimed_until < ${now}::timestamptz))`;
      return rawRows<ClaimedSample>(
        db,
        sql`with first as (
          select s.item_id, s.connection_id from generation_samples s
          where ${claimable}
          order by s.status desc, s.item_id, s.connection_id, s.sample_index
          limit 1 for update skip locked
        ), batch as (
          select s.id from generation_samples s join first f
            on s.item_id = f.item_id and s.connection_id = f.connection_id
          where ${claimable}
          order by s.sample_index
          limit ${args.limit} for update of s skip locked
        ), claimed as (
          update generation_samples s
          set status = 'running', claim_token = ${args.token}::uuid, claimed_until = ${args.until.toISOString()}::timestamptz,
              updated_at = ${now}::timestamptz
          from batch b where s.id = b.id
          returning s.id, s.item_id, s.connection_id, s.sample_index, s.attempts
        )
        select c.id, c.item_id as "itemId", c.connection_id as "connectionId", c.sample_index as "sampleIndex",
               c.attempts, i.conversation
        from claimed c join items i on i.id = c.item_id
        order by c.sample_index`,
      );
    },

    /** Marks a claimed sample done with its output, only under the worker's claim (a taken-over claim writes nothing). */
    async complete(
      sampleId: string,
      token: string,
      outcome: { status: 'done' | 'skipped'; outputId: string | null; error: string | null; now: Date },
    ) {
      const rows = await db
        .update(generationSamples)
        .set({
          status: outcome.status,
          outputId: outcome.outputId,
          error: outcome.error,
          attempts: sql`${generationSamples.attempts} + 1`,
          claimToken: null,
          claimedUntil: null,
          updatedAt: outcome.now,
        })
        .where(
          and(
            eq(generationSamples.id, sampleId),
            eq(generationSamples.claimToken, token),
            eq(generationSamples.status, 'running'),
          ),
        )
        .returning({ id: generationSamples.id });
      return rows.length === 1;
    },

    /** A failed attempt: back to pending after `notBefore`, or failed for good (`retry` false). */
    async attemptFailed(
      sampleIds: string[],
      token: string,
      outcome: { retry: boolean; notBefore: Date | null; error: string; now: Date },
    ) {
      if (sampleIds.length === 0) return;
      await db
        .update(generationSamples)
        .set({
          status: outcome.retry ? 'pending' : 'failed',
          attempts: sql`${generationSamples.attempts} + 1`,
          notBefore: outcome.notBefore,
          error: outcome.error,
          claimToken: null,
          claimedUntil: null,
          updatedAt: outcome.now,
        })
        .where(
          and(
            inArray(generationSamples.id, sampleIds),
            eq(generationSamples.claimToken, token),
            eq(generationSamples.status, 'running'),
          ),
        );
    },

    /** Gives back claims without counting an attempt (shutdown: another process, or the next start, takes them). */
    async release(sampleIds: string[], token: string, now: Date) {
      if (sampleIds.length === 0) return;
      await db
        .update(generationSamples)
        .set({ status: 'pending', claimToken: null, claimedUntil: null, updatedAt: now })
        .where(
          and(
            inArray(generationSamples.id, sampleIds),
            eq(generationSamples.claimToken, token),
            eq(generationSamples.status, 'running'),
          ),
        );
    },

    async counts(jobIds: string[]): Promise<Map<string, SampleCounts>> {
      const result = new Map<string, SampleCounts>();
      if (jobIds.length === 0) return result;
      const rows = await rawRows<{
        job_id: string;
        status: keyof SampleCounts;
        n: number;
        items: number;
        next_at: string | null;
      }>(
        db,
        sql`select job_id, status, count(*)::int as n, count(distinct item_id)::int as items,
                   min(case when status = 'pending' then not_before when status = 'running' then claimed_until end)::text as next_at
            from generation_samples where job_id = any(${`{${jobIds.join(',')}}`}::uuid[])
            group by job_id, status`,
      );
      for (const jobId of jobIds) result.set(jobId, { ...EMPTY_COUNTS });
      const items = new Map<string, number>();
      for (const row of rows) {
        const counts = result.get(row.job_id);
        if (!counts) continue;
        (counts as unknown as Record<string, number>)[row.status] = row.n;
        items.set(row.job_id, Math.max(items.get(row.job_id) ?? 0, row.items));
        if (row.next_at) {
          const at = new Date(row.next_at);
          if (!counts.nextAt || at < counts.nextAt) counts.nextAt = at;
        }
      }
      return result;
    },

    /** Items the job covers (distinct), for its report. */
    async itemCount(jobId: string): Promise<number> {
      const [row] = await rawRows<{ n: number }>(
        db,
        sql`select count(distinct item_id)::int as n from generation_samples where job_id = ${jobId}::uuid`,
      );
      return row?.n ?? 0;
    },

    async find(projectId: string, jobId: string): Promise<GenerationJobRow | undefined> {
      const [row] = await db
        .select()
        .from(generationJobs)
        .where(and(eq(generationJobs.projectId, projectId), eq(generationJobs.id, jobId)));
      return row;
    },

    async findById(jobId: string): Promise<GenerationJobRow | undefined> {
      const [row] = await db.select().from(generationJobs).where(eq(generationJobs.id, jobId));
      return row;
    },

    list(projectId: string, limit: number): Promise<GenerationJobRow[]> {
      return db
        .select()
        .from(generationJobs)
        .where(eq(generationJobs.projectId, projectId))
        .orderBy(desc(generationJobs.createdAt), desc(generationJobs.id))
        .limit(limit);
    },

    /** Running jobs, and those finished since `since`: what a live progress message carries. */
    recent(projectId: string, since: Date): Promise<GenerationJobRow[]> {
      return db
        .select()
        .from(generationJobs)
        .where(
          and(
            eq(generationJobs.projectId, projectId),
            or(eq(generationJobs.status, 'running'), gte(generationJobs.finishedAt, since)),
          ),
        )
        .orderBy(desc(generationJobs.createdAt))
        .limit(20);
    },

    /** Every running job (resumed at start-up). */
    running(): Promise<GenerationJobRow[]> {
      return db.select().from(generationJobs).where(eq(generationJobs.status, 'running'));
    },

    async touch(jobId: string, now: Date) {
      await db.update(generationJobs).set({ updatedAt: now }).where(eq(generationJobs.id, jobId));
    },

    /** Only a running job ends (a cancelled one stays cancelled). */
    async finish(jobId: string, end: { status: 'done' | 'failed' | 'cancelled'; error: string | null; now: Date }) {
      const rows = await db
        .update(generationJobs)
        .set({ status: end.status, error: end.error, updatedAt: end.now, finishedAt: end.now })
        .where(and(eq(generationJobs.id, jobId), eq(generationJobs.status, 'running')))
        .returning({ id: generationJobs.id });
      return rows.length === 1;
    },

    /** Cancels the job's samples not done yet (running ones too: their late results are refused by the claim check). */
    async cancelSamples(jobId: string, now: Date) {
      await db
        .update(generationSamples)
        .set({ status: 'cancelled', claimToken: null, claimedUntil: null, updatedAt: now })
        .where(and(eq(generationSamples.jobId, jobId), inArray(generationSamples.status, ['pending', 'running'])));
    },

    /** Samples that failed for good or were skipped, item by item (reads items for the external id). */
    failures(jobId: string, limit: number) {
      return rawRows<{
        itemId: string;
        externalId: string;
        connectionId: string;
        sampleIndex: number;
        status: 'failed' | 'skipped';
        attempts: number;
        error: string | null;
      }>(
        db,
        sql`select s.item_id as "itemId", i.external_id as "externalId", s.connection_id as "connectionId",
                   s.sample_index as "sampleIndex", s.status, s.attempts, s.error
            from generation_samples s join items i on i.id = s.item_id
            where s.job_id = ${jobId}::uuid and s.status in ('failed', 'skipped')
            order by i.position, s.connection_id, s.sample_index
            limit ${limit}`,
      );
    },
  };
}
export type GenerationJobsRepository = ReturnType<typeof createGenerationJobsRepository>;
