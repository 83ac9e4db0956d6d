import type { Message } from '@feedbench/shared';
import { and, asc, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { itemOutputs, items, rewardScoreJobs, rewardScores, rewardScoreTasks } from '../../db/schema/index.ts';

export type ScoreJobRow = typeof rewardScoreJobs.$inferSelect;
export type ScoreTaskRow = typeof rewardScoreTasks.$inferSelect;
export type RewardScoreRow = typeof rewardScores.$inferSelect;

/** An item as a reward model reads it: the conversation and each output (import id) to score after it. */
export interface ScoredItem {
  id: string;
  externalId: string;
  conversation: Message[];
  outputs: { id: string; content: string }[];
}

export function createRewardScoresRepository(db: Executor) {
  return {
    /** Items whose every output this connection scored (the rest are scored again by a job without `redo`). */
    async scoredItems(projectId: string, connectionId: string): Promise<Set<string>> {
      const rows = await db
        .select({ itemId: itemOutputs.itemId })
        .from(itemOutputs)
        .innerJoin(items, eq(items.id, itemOutputs.itemId))
        .leftJoin(
          rewardScores,
          and(
            eq(rewardScores.itemId, itemOutputs.itemId),
            eq(rewardScores.outputId, itemOutputs.outputId),
            eq(rewardScores.connectionId, connectionId),
          ),
        )
        .where(eq(items.projectId, projectId))
        .groupBy(itemOutputs.itemId)
        .having(sql`count(*) = count(${rewardScores.outputId})`);
      return new Set(rows.map((r) => r.itemId));
    },

    async item(itemId: string): Promise<ScoredItem | undefined> {
      const [row] = await db
        .select({ id: items.id, externalId: items.externalId, conversation: items.conversation })
        .from(items)
        .where(eq(items.id, itemId));
      if (!row) return undefined;
      const outputs = await db
        .select({ id: itemOutputs.outputId, content: itemOutputs.content })
        .from(itemOutputs)
        .where(eq(itemOutputs.itemId, itemId))
        .orderBy(asc(itemOutputs.position));
      return { ...row, outputs };
    },

    async insertJob(job: typeof rewardScoreJobs.$inferInsert, itemIds: readonly string[]): Promise<ScoreJobRow> {
      const [row] = await db.insert(rewardScoreJobs).values(job).returning();
      if (!row) throw new Error('score job insert returned nothing');
      // Chunks stay well under PostgreSQL's 65535 bind parameters (2 per task).
      for (let start = 0; start < itemIds.length; start += 10_000) {
        await db
          .insert(rewardScoreTasks)
          .values(itemIds.slice(start, start + 10_000).map((itemId) => ({ jobId: row.id, itemId })));
      }
      return row;
    },

    async findJob(projectId: string, jobId: string): Promise<ScoreJobRow | undefined> {
      const [row] = await db
        .select()
        .from(rewardScoreJobs)
        .where(and(eq(rewardScoreJobs.projectId, projectId), eq(rewardScoreJobs.id, jobId)));
      return row;
    },

    listJobs(projectId: string, limit: number, since?: Date): Promise<ScoreJobRow[]> {
      return db
        .select()
        .from(rewardScoreJobs)
        .where(
          and(
            eq(rewardScoreJobs.projectId, projectId),
            since ? or(eq(rewardScoreJobs.status, 'running'), gte(rewardScoreJobs.finishedAt, since)) : undefined,
          ),
        )
        .orderBy(desc(rewardScoreJobs.createdAt), desc(rewardScoreJobs.id))
        .limit(limit);
    },

    /** Takes over running jobs whose heartbeat is older than `staleBefore`, in one statement (one instance wins). */
    takeOverStale(staleBefore: Date, now: Date, projectId?: string): Promise<ScoreJobRow[]> {
      return db
        .update(rewardScoreJobs)
        .set({ updatedAt: now })
        .where(
          and(
            eq(rewardScoreJobs.status, 'running'),
            lt(rewardScoreJobs.updatedAt, staleBefore),
            projectId === undefined ? undefined : eq(rewardScoreJobs.projectId, projectId),
          ),
        )
        .returning();
    },

    pendingTasks(jobId: string): Promise<ScoreTaskRow[]> {
      return db
        .select()
        .from(rewardScoreTasks)
        .where(and(eq(rewardScoreTasks.jobId, jobId), eq(rewardScoreTasks.state, 'pending')));
    },

    failures(projectId: string, jobId: string) {
      return db
        .select({
          itemId: rewardScoreTasks.itemId,
          itemExternalId: items.externalId,
          attempts: rewardScoreTasks.attempts,
          error: rewardScoreTasks.error,
        })
        .from(rewardScoreTasks)
        .innerJoin(rewardScoreJobs, eq(rewardScoreJobs.id, rewardScoreTasks.jobId))
        .innerJoin(items, eq(items.id, rewardScoreTasks.itemId))
        .where(
          and(
            eq(rewardScoreJobs.projectId, projectId),
            eq(rewardScoreTasks.jobId, jobId),
            eq(rewardScoreTasks.state, 'failed'),
          ),
        )
        .orderBy(asc(items.position));
    },

    /** A failed attempt; `failed` when it was the last allowed, counted on the job in the same transaction. */
    async attemptFailed(task: Pick<ScoreTaskRow, 'jobId' | 'itemId'>, error: string, failed: boolean) {
      await db.transaction(async (tx) => {
        const changed = await tx
          .update(rewardScoreTasks)
          .set({ attempts: sql`${rewardScoreTasks.attempts} + 1`, error, state: failed ? 'failed' : 'pending' })
          .where(taskKey(task))
          .returning({ jobId: rewardScoreTasks.jobId });
        if (failed && changed.length > 0) {
          await tx
            .update(rewardScoreJobs)
            .set({ failed: sql`${rewardScoreJobs.failed} + 1` })
            .where(eq(rewardScoreJobs.id, task.jobId));
        }
      });
    },

    /** The item's scores' provenance stored and its task done in one transaction (a resumed job skips it). */
    async scored(task: Pick<ScoreTaskRow, 'jobId' | 'itemId'>, rows: (typeof rewardScores.$inferInsert)[]) {
      await db.transaction(async (tx) => {
        if (rows.length > 0) {
          await tx
            .insert(rewardScores)
            .values(rows)
            .onConflictDoUpdate({
              target: [rewardScores.itemId, rewardScores.outputId],
              set: {
                score: sql`excluded.score`,
                jobId: sql`excluded.job_id`,
                connectionId: sql`excluded.connection_id`,
                connectionName: sql`excluded.connection_name`,
                model: sql`excluded.model`,
                scoredAt: sql`excluded.scored_at`,
              },
            });
        }
        const changed = await tx
          .update(rewardScoreTasks)
          .set({ state: 'done', attempts: sql`${rewardScoreTasks.attempts} + 1`, error: null })
          .where(taskKey(task))
          .returning({ jobId: rewardScoreTasks.jobId });
        if (changed.length > 0) {
          await tx
            .update(rewardScoreJobs)
            .set({ done: sql`${rewardScoreJobs.done} + 1` })
            .where(eq(rewardScoreJobs.id, task.jobId));
        }
      });
    },

    async touch(jobId: string, now: Date) {
      await db.update(rewardScoreJobs).set({ updatedAt: now }).where(eq(rewardScoreJobs.id, jobId));
    },

    async finishJob(jobId: string, status: ScoreJobRow['status'], error: string | null, now: Date) {
      const [row] = await db
        .update(rewardScoreJobs)
        .set({ status, error, finishedAt: now, updatedAt: now })
        .where(and(eq(rewardScoreJobs.id, jobId), eq(rewardScoreJobs.status, 'running')))
        .returning();
      return row;
    },

    /**
     * Each scored output's provenance while it still describes the output's score (a score set by hand afterwards
     * replaces it), by item id then output id: the raw export's `scoreProvenance`.
     */
    async provenanceOf(itemIds: readonly string[]): Promise<Map<string, Map<string, RewardScoreRow>>> {
      const out = new Map<string, Map<string, RewardScoreRow>>();
      if (itemIds.length === 0) return out;
      const rows = await db
        .select({ row: rewardScores })
        .from(rewardScores)
        .innerJoin(
          itemOutputs,
          and(eq(itemOutputs.itemId, rewardScores.itemId), eq(itemOutputs.outputId, rewardScores.outputId)),
        )
        .where(and(inArray(rewardScores.itemId, [...itemIds]), eq(itemOutputs.score, rewardScores.score)));
      for (const { row } of rows) {
        const byOutput = out.get(row.itemId) ?? new Map<string, RewardScoreRow>();
        byOutput.set(row.outputId, row);
        out.set(row.itemId, byOutput);
      }
      return out;
    },
  };
}

function taskKey(task: Pick<ScoreTaskRow, 'jobId' | 'itemId'>) {
  return and(
    eq(rewardScoreTasks.jobId, task.jobId),
    eq(rewardScoreTasks.itemId, task.itemId),
    eq(rewardScoreTasks.state, 'pending'),
  );
}
