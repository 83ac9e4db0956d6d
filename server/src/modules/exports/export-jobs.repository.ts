import { and, desc, eq, gte, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { exportJobs } from '../../db/schema/index.ts';
import type { KeysetPosition } from '../../lib/keyset.ts';

export type ExportJobRow = typeof exportJobs.$inferSelect;
export type NewExportJob = typeof exportJobs.$inferInsert;
export type ExportJobProgress = Pick<ExportJobRow, 'itemsDone' | 'rowsDone' | 'bytes' | 'updatedAt'>;

export function createExportJobsRepository(db: Executor) {
  return {
    async insert(job: NewExportJob): Promise<ExportJobRow> {
      const [row] = await db.insert(exportJobs).values(job).returning();
      if (!row) throw new Error('export job insert returned nothing');
      return row;
    },

    async find(projectId: string, jobId: string): Promise<ExportJobRow | undefined> {
      const [row] = await db
        .select()
        .from(exportJobs)
        .where(and(eq(exportJobs.projectId, projectId), eq(exportJobs.id, jobId)));
      return row;
    },

    /** Newest first, `limit` rows after the keyset position `after` (a range of export_jobs_project_idx). */
    list(projectId: string, limit: number, after?: KeysetPosition) {
      return db
        .select({ job: exportJobs, createdAtKey: sql<string>`${exportJobs.createdAt}::text` })
        .from(exportJobs)
        .where(
          and(
            eq(exportJobs.projectId, projectId),
            after
              ? sql`(${exportJobs.createdAt}, ${exportJobs.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(desc(exportJobs.createdAt), desc(exportJobs.id))
        .limit(limit);
    },

    /** Running jobs, and jobs finished since `since`: what a live progress message carries. */
    recent(projectId: string, since: Date): Promise<ExportJobRow[]> {
      return db
        .select()
        .from(exportJobs)
        .where(
          and(
            eq(exportJobs.projectId, projectId),
            or(eq(exportJobs.status, 'running'), gte(exportJobs.finishedAt, since)),
          ),
        )
        .orderBy(desc(exportJobs.createdAt))
        .limit(20);
    },

    /** Only a running job moves: a job marked failed as interrupted never comes back to life. */
    async progress(jobId: string, progress: ExportJobProgress): Promise<void> {
      await db
        .update(exportJobs)
        .set(progress)
        .where(and(eq(exportJobs.id, jobId), eq(exportJobs.status, 'running')));
    },

    async finish(
      jobId: string,
      end: ExportJobProgress & { status: 'done' | 'failed'; error: string | null; finishedAt: Date },
    ): Promise<void> {
      await db
        .update(exportJobs)
        .set(end)
        .where(and(eq(exportJobs.id, jobId), eq(exportJobs.status, 'running')));
    },

    /** Running jobs whose heartbeat stopped before `before` (their process ended) are failed. */
    async failStale(projectId: string, before: Date, now: Date): Promise<void> {
      await db
        .update(exportJobs)
        .set({ status: 'failed', error: 'interrupted: the server stopped while the job ran', finishedAt: now })
        .where(
          and(eq(exportJobs.projectId, projectId), eq(exportJobs.status, 'running'), lt(exportJobs.updatedAt, before)),
        );
    },
  };
}
