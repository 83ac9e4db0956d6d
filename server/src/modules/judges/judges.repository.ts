import type { Answers, Message } from '@feedbench/shared';
import { and, asc, count, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  annotations,
  itemOutputs,
  items,
  judgeAnswers,
  judgeJobs,
  judgeSuggestionSettings,
  judges,
  judgeTasks,
  suggestionExposures,
} from '../../db/schema/index.ts';
import { inTexts, inUuids } from '../../db/sql-arrays.ts';

export type JudgeRow = typeof judges.$inferSelect;
export type JudgeJobRow = typeof judgeJobs.$inferSelect;
export type JudgeTaskRow = typeof judgeTasks.$inferSelect;
export type JudgeAnswerRow = typeof judgeAnswers.$inferSelect;
export type SuggestionSettingsRow = typeof judgeSuggestionSettings.$inferSelect;
export type ExposureRow = typeof suggestionExposures.$inferSelect;

/** An item as a judge reads it: the conversation and the outputs with their real ids, in import order. */
export interface JudgedItem {
  id: string;
  externalId: string;
  conversation: Message[];
  outputs: { id: string; content: string }[];
}

export function createJudgesRepository(db: Executor) {
  return {
    async insertJudge(judge: typeof judges.$inferInsert): Promise<JudgeRow | undefined> {
      const [row] = await db.insert(judges).values(judge).onConflictDoNothing().returning();
      return row;
    },

    async findJudge(projectId: string, judgeId: string): Promise<JudgeRow | undefined> {
      const [row] = await db
        .select()
        .from(judges)
        .where(and(eq(judges.projectId, projectId), eq(judges.id, judgeId)));
      return row;
    },

    async judgesOf(projectId: string): Promise<(JudgeRow & { answered: number })[]> {
      const rows = await db
        .select({ judge: judges, answered: count(judgeAnswers.itemId) })
        .from(judges)
        .leftJoin(judgeAnswers, eq(judgeAnswers.judgeId, judges.id))
        .where(eq(judges.projectId, projectId))
        .groupBy(judges.id)
        .orderBy(asc(judges.createdAt), asc(judges.id));
      return rows.map((r) => ({ ...r.judge, answered: Number(r.answered) }));
    },

    async deleteJudge(projectId: string, judgeId: string): Promise<boolean> {
      const rows = await db
        .delete(judges)
        .where(and(eq(judges.projectId, projectId), eq(judges.id, judgeId)))
        .returning({ id: judges.id });
      return rows.length > 0;
    },

    /** Ids of the project's items among `itemIds` (all of them without a list), in import order. */
    /**
     * The project's items a job names, by id or by the import file's ids (neither: every item), in project order;
     * `missing`: the names no item of the project has. A job may name up to MAX_JOB_ITEM_IDS items: one array
     * parameter, not one parameter per name.
     */
    async jobItems(
      projectId: string,
      named: { itemIds?: readonly string[]; externalIds?: readonly string[] },
    ): Promise<{ ids: string[]; missing: string[] }> {
      const { itemIds, externalIds } = named;
      const rows = await db
        .select({ id: items.id, externalId: items.externalId })
        .from(items)
        .where(
          and(
            eq(items.projectId, projectId),
            itemIds ? inUuids(items.id, itemIds) : undefined,
            externalIds ? inTexts(items.externalId, externalIds) : undefined,
          ),
        )
        .orderBy(asc(items.position));
      const found = new Set(rows.flatMap((r) => [r.id, r.externalId]));
      const missing = [...new Set(itemIds ?? externalIds ?? [])].filter((name) => !found.has(name));
      return { ids: rows.map((r) => r.id), missing };
    },

    /** Items whose metadata field `key` is a string, with its value (the calibration's categories). */
    async categoriesOf(projectId: string, key: string): Promise<Map<string, string>> {
      const rows = await db
        .select({ id: items.id, value: sql<string | null>`${items.metadata} ->> ${key}` })
        .from(items)
        .where(eq(items.projectId, projectId));
      return new Map(rows.flatMap((r) => (r.value === null ? [] : [[r.id, r.value] as [string, string]])));
    },

    async item(itemId: string): Promise<JudgedItem | undefined> {
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

    async insertJob(job: typeof judgeJobs.$inferInsert, tasks: Omit<typeof judgeTasks.$inferInsert, 'jobId'>[]) {
      const [row] = await db.insert(judgeJobs).values(job).returning();
      if (!row) throw new Error('judge job insert returned nothing');
      // Chunks stay well under PostgreSQL's 65535 bind parameters (3 per task).
      for (let start = 0; start < tasks.length; start += 5000) {
        await db.insert(judgeTasks).values(tasks.slice(start, start + 5000).map((t) => ({ ...t, jobId: row.id })));
      }
      return row;
    },

    async findJob(projectId: string, jobId: string): Promise<JudgeJobRow | undefined> {
      const [row] = await db
        .select()
        .from(judgeJobs)
        .where(and(eq(judgeJobs.projectId, projectId), eq(judgeJobs.id, jobId)));
      return row;
    },

    async jobById(jobId: string): Promise<JudgeJobRow | undefined> {
      const [row] = await db.select().from(judgeJobs).where(eq(judgeJobs.id, jobId));
      return row;
    },

    listJobs(projectId: string, limit: number): Promise<JudgeJobRow[]> {
      return db
        .select()
        .from(judgeJobs)
        .where(eq(judgeJobs.projectId, projectId))
        .orderBy(desc(judgeJobs.createdAt), desc(judgeJobs.id))
        .limit(limit);
    },

    /** Running jobs and those finished since `since` (the live feed). */
    recentJobs(projectId: string, since: Date): Promise<JudgeJobRow[]> {
      return db
        .select()
        .from(judgeJobs)
        .where(
          and(
            eq(judgeJobs.projectId, projectId),
            or(eq(judgeJobs.status, 'running'), gte(judgeJobs.finishedAt, since)),
          ),
        )
        .orderBy(desc(judgeJobs.createdAt));
    },

    /**
     * Takes over a running job whose heartbeat is older than `staleBefore` (its instance ended): one statement, so
     * of two instances resuming at once only one gets it.
     */
    async takeOverStale(staleBefore: Date, now: Date, projectId?: string): Promise<JudgeJobRow[]> {
      return db
        .update(judgeJobs)
        .set({ updatedAt: now })
        .where(
          and(
            eq(judgeJobs.status, 'running'),
            lt(judgeJobs.updatedAt, staleBefore),
            projectId === undefined ? undefined : eq(judgeJobs.projectId, projectId),
          ),
        )
        .returning();
    },

    pendingTasks(jobId: string): Promise<JudgeTaskRow[]> {
      return db
        .select()
        .from(judgeTasks)
        .where(and(eq(judgeTasks.jobId, jobId), eq(judgeTasks.state, 'pending')));
    },

    async failures(projectId: string, jobId: string) {
      return db
        .select({
          itemId: judgeTasks.itemId,
          itemExternalId: items.externalId,
          judgeId: judgeTasks.judgeId,
          attempts: judgeTasks.attempts,
          error: judgeTasks.error,
        })
        .from(judgeTasks)
        .innerJoin(judgeJobs, eq(judgeJobs.id, judgeTasks.jobId))
        .innerJoin(items, eq(items.id, judgeTasks.itemId))
        .where(and(eq(judgeJobs.projectId, projectId), eq(judgeTasks.jobId, jobId), eq(judgeTasks.state, 'failed')))
        .orderBy(asc(items.position), asc(judgeTasks.judgeId));
    },

    /**
     * An attempt that did not give a valid answer; `failed` when it was the last one allowed, counted on the job in
     * the same transaction (counters move with the task state, so progress reads one row, never a count).
     */
    async attemptFailed(task: Pick<JudgeTaskRow, 'jobId' | 'itemId' | 'judgeId'>, error: string, failed: boolean) {
      await db.transaction(async (tx) => {
        const changed = await tx
          .update(judgeTasks)
          .set({ attempts: sql`${judgeTasks.attempts} + 1`, error, state: failed ? 'failed' : 'pending' })
          .where(and(taskKey(task), eq(judgeTasks.state, 'pending')))
          .returning({ jobId: judgeTasks.jobId });
        if (failed && changed.length > 0) {
          await tx
            .update(judgeJobs)
            .set({ failed: sql`${judgeJobs.failed} + 1` })
            .where(eq(judgeJobs.id, task.jobId));
        }
      });
    },

    /** The answer stored and the task done in one transaction: a resumed job never asks the model again for it. */
    async answered(task: Pick<JudgeTaskRow, 'jobId' | 'itemId' | 'judgeId'>, answer: typeof judgeAnswers.$inferInsert) {
      await db.transaction(async (tx) => {
        await tx
          .insert(judgeAnswers)
          .values(answer)
          .onConflictDoUpdate({
            target: [judgeAnswers.judgeId, judgeAnswers.itemId],
            set: {
              answers: answer.answers,
              displayOrder: answer.displayOrder,
              model: answer.model,
              latencyMs: answer.latencyMs,
              promptTokens: answer.promptTokens,
              completionTokens: answer.completionTokens,
              templateVersion: answer.templateVersion,
              answeredAt: answer.answeredAt,
            },
          });
        const changed = await tx
          .update(judgeTasks)
          .set({ state: 'done', attempts: sql`${judgeTasks.attempts} + 1`, error: null })
          .where(and(taskKey(task), eq(judgeTasks.state, 'pending')))
          .returning({ jobId: judgeTasks.jobId });
        if (changed.length > 0) {
          await tx
            .update(judgeJobs)
            .set({ done: sql`${judgeJobs.done} + 1` })
            .where(eq(judgeJobs.id, task.jobId));
        }
      });
    },

    /** The running job's heartbeat (progress is already on its row). */
    async touch(jobId: string, now: Date) {
      await db.update(judgeJobs).set({ updatedAt: now }).where(eq(judgeJobs.id, jobId));
    },

    /** The job's counters recounted from its tasks (at the end of a run: exact whatever happened), and its heartbeat. */
    async refreshCounts(jobId: string, now: Date): Promise<JudgeJobRow | undefined> {
      const [row] = await db
        .update(judgeJobs)
        .set({
          done: sql`(select count(*) from ${judgeTasks} where ${judgeTasks.jobId} = ${jobId} and ${judgeTasks.state} = 'done')::int`,
          failed: sql`(select count(*) from ${judgeTasks} where ${judgeTasks.jobId} = ${jobId} and ${judgeTasks.state} = 'failed')::int`,
          updatedAt: now,
        })
        .where(eq(judgeJobs.id, jobId))
        .returning();
      return row;
    },

    /** Ends a running job (a cancelled or finished one keeps its status). */
    async finishJob(jobId: string, status: JudgeJobRow['status'], error: string | null, now: Date) {
      const [row] = await db
        .update(judgeJobs)
        .set({ status, error, finishedAt: now, updatedAt: now })
        .where(and(eq(judgeJobs.id, jobId), eq(judgeJobs.status, 'running')))
        .returning();
      return row;
    },

    /** Item ids (of `itemIds`) a judge already has an answer for. */
    async answeredItems(judgeId: string, itemIds: readonly string[]): Promise<Set<string>> {
      if (itemIds.length === 0) return new Set();
      const rows = await db
        .select({ itemId: judgeAnswers.itemId })
        .from(judgeAnswers)
        .where(eq(judgeAnswers.judgeId, judgeId));
      const wanted = new Set(itemIds);
      return new Set(rows.map((r) => r.itemId).filter((id) => wanted.has(id)));
    },

    answersOf(projectId: string, judgeId?: string): Promise<JudgeAnswerRow[]> {
      return db
        .select()
        .from(judgeAnswers)
        .where(and(eq(judgeAnswers.projectId, projectId), judgeId ? eq(judgeAnswers.judgeId, judgeId) : undefined))
        .orderBy(asc(judgeAnswers.itemId), asc(judgeAnswers.judgeId));
    },

    /** Per item of the project, its outputs' scores (reward model or import), for judge-vs-reward disagreement. */
    async outputScoresOf(projectId: string) {
      const rows = await db
        .select({ itemId: itemOutputs.itemId, id: itemOutputs.outputId, score: itemOutputs.score })
        .from(itemOutputs)
        .innerJoin(items, eq(items.id, itemOutputs.itemId))
        .where(eq(items.projectId, projectId))
        .orderBy(asc(itemOutputs.itemId), asc(itemOutputs.position));
      const byItem = new Map<string, { id: string; score: number | null }[]>();
      for (const row of rows) byItem.set(row.itemId, [...(byItem.get(row.itemId) ?? []), row]);
      return [...byItem].map(([itemId, outputs]) => ({ itemId, outputs }));
    },

    /** The answers to these items with their judge's name, by item (raw exports with includeJudges). */
    answersForExport(itemIds: readonly string[]) {
      return db
        .select({ answer: judgeAnswers, name: judges.name })
        .from(judgeAnswers)
        .innerJoin(judges, eq(judges.id, judgeAnswers.judgeId))
        .where(inArray(judgeAnswers.itemId, [...itemIds]))
        .orderBy(asc(judges.createdAt), asc(judges.id));
    },

    async answerOf(judgeId: string, itemId: string): Promise<JudgeAnswerRow | undefined> {
      const [row] = await db
        .select()
        .from(judgeAnswers)
        .where(and(eq(judgeAnswers.judgeId, judgeId), eq(judgeAnswers.itemId, itemId)));
      return row;
    },

    async settings(projectId: string): Promise<SuggestionSettingsRow | undefined> {
      const [row] = await db
        .select()
        .from(judgeSuggestionSettings)
        .where(eq(judgeSuggestionSettings.projectId, projectId));
      return row;
    },

    async saveSettings(row: typeof judgeSuggestionSettings.$inferInsert) {
      const [saved] = await db
        .insert(judgeSuggestionSettings)
        .values(row)
        .onConflictDoUpdate({
          target: judgeSuggestionSettings.projectId,
          set: { mode: row.mode, judgeId: row.judgeId, seed: row.seed, updatedAt: row.updatedAt },
        })
        .returning();
      return saved;
    },

    /** Records the assignment's exposure once; the first record stands (the arm never changes under a serve). */
    async exposure(row: typeof suggestionExposures.$inferInsert): Promise<ExposureRow | undefined> {
      await db.insert(suggestionExposures).values(row).onConflictDoNothing();
      const [stored] = await db
        .select()
        .from(suggestionExposures)
        .where(and(eq(suggestionExposures.itemId, row.itemId), eq(suggestionExposures.userId, row.userId)));
      return stored;
    },

    /**
     * The experiment's annotations: each submitted annotation of an assignment recorded under `experiment` mode,
     * with its arm and the judge whose answer was (or would have been) suggested.
     */
    experimentAnnotations(projectId: string): Promise<
      {
        itemId: string;
        userId: string;
        answers: Answers;
        arm: ExposureRow['arm'];
        judgeId: string;
      }[]
    > {
      return db
        .select({
          itemId: annotations.itemId,
          userId: annotations.userId,
          answers: annotations.answers,
          arm: suggestionExposures.arm,
          judgeId: suggestionExposures.judgeId,
        })
        .from(suggestionExposures)
        .innerJoin(
          annotations,
          and(eq(annotations.itemId, suggestionExposures.itemId), eq(annotations.userId, suggestionExposures.userId)),
        )
        .where(and(eq(suggestionExposures.projectId, projectId), eq(suggestionExposures.mode, 'experiment')))
        .orderBy(asc(annotations.itemId), asc(annotations.userId));
    },
  };
}
export type JudgesRepository = ReturnType<typeof createJudgesRepository>;

function taskKey(task: Pick<JudgeTaskRow, 'jobId' | 'itemId' | 'judgeId'>) {
  return and(
    eq(judgeTasks.jobId, task.jobId),
    eq(judgeTasks.itemId, task.itemId),
    eq(judgeTasks.judgeId, task.judgeId),
  );
}
