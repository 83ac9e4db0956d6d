import type { ImportFormat, ImportProblem } from '@feedbench/shared';
import { toConversation } from '@feedbench/shared';
import { and, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import { type Executor, rawRows } from '../../db/client.ts';
import { importJobs, importStaging } from '../../db/schema/index.ts';
import type { CheckedLine } from './import-parser.ts';

export type ImportJobRow = typeof importJobs.$inferSelect;
export type NewImportJob = typeof importJobs.$inferInsert;
export type ImportJobProgress = Pick<ImportJobRow, 'bytesRead' | 'linesRead' | 'updatedAt'>;
export type ImportJobEnd = ImportJobProgress &
  Pick<ImportJobRow, 'status' | 'created' | 'existing' | 'badLines' | 'problems' | 'error' | 'finishedAt'>;

/** Import jobs, and the staging rows of their files (the items module's scratch tables). */
export function createImportJobsRepository(db: Executor) {
  return {
    async insert(job: NewImportJob): Promise<ImportJobRow> {
      const [row] = await db.insert(importJobs).values(job).returning();
      if (!row) throw new Error('import job insert returned nothing');
      return row;
    },

    async find(projectId: string, jobId: string): Promise<ImportJobRow | undefined> {
      const [row] = await db
        .select()
        .from(importJobs)
        .where(and(eq(importJobs.projectId, projectId), eq(importJobs.id, jobId)));
      return row;
    },

    /** Newest first. */
    list(projectId: string, limit: number): Promise<ImportJobRow[]> {
      return db
        .select()
        .from(importJobs)
        .where(eq(importJobs.projectId, projectId))
        .orderBy(desc(importJobs.createdAt))
        .limit(limit);
    },

    /** Running jobs, and jobs finished since `since`: what a live progress message carries. */
    recent(projectId: string, since: Date): Promise<ImportJobRow[]> {
      return db
        .select()
        .from(importJobs)
        .where(
          and(
            eq(importJobs.projectId, projectId),
            or(eq(importJobs.status, 'running'), gte(importJobs.finishedAt, since)),
          ),
        )
        .orderBy(desc(importJobs.createdAt))
        .limit(20);
    },

    /** Only a running job moves: a job marked failed as interrupted never comes back to life. */
    async progress(jobId: string, progress: ImportJobProgress): Promise<void> {
      await db
        .update(importJobs)
        .set(progress)
        .where(and(eq(importJobs.id, jobId), eq(importJobs.status, 'running')));
    },

    /** False when the job was no longer running (failed as interrupted meanwhile). */
    async finish(jobId: string, end: ImportJobEnd): Promise<boolean> {
      const rows = await db
        .update(importJobs)
        .set(end)
        .where(and(eq(importJobs.id, jobId), eq(importJobs.status, 'running')))
        .returning({ id: importJobs.id });
      return rows.length > 0;
    },

    /** Running jobs whose heartbeat stopped before `before` (their process ended) fail; their staged rows go. */
    async failStale(projectId: string, before: Date, now: Date): Promise<void> {
      const stale = await db
        .update(importJobs)
        .set({ status: 'failed', error: 'interrupted: the server stopped while the import ran', finishedAt: now })
        .where(
          and(eq(importJobs.projectId, projectId), eq(importJobs.status, 'running'), lt(importJobs.updatedAt, before)),
        )
        .returning({ id: importJobs.id });
      if (stale.length > 0) {
        await db.delete(importStaging).where(
          inArray(
            importStaging.jobId,
            stale.map((s) => s.id),
          ),
        );
      }
    },

    /**
     * One batch of checked lines into the staging table, as a single JSON parameter unpacked by jsonb_to_recordset:
     * one statement per batch whatever its row count (no 65,535-parameter limit), the same on PostgreSQL and PGlite.
     */
    async stage(jobId: string, lines: CheckedLine[]): Promise<void> {
      if (lines.length === 0) return;
      const rows = lines.map(({ line, item, reference, derivedId }) => ({
        line,
        external_id: item.id,
        conversation: toConversation(item.prompt),
        metadata: item.metadata ?? {},
        outputs: item.outputs ?? [],
        reference,
        derived_id: derivedId,
      }));
      await db.execute(sql`
        insert into import_staging (job_id, line, external_id, conversation, metadata, outputs, reference, derived_id)
        select ${jobId}::uuid, r.line, r.external_id, r.conversation, r.metadata, r.outputs, r.reference, r.derived_id
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
          line int, external_id text, conversation jsonb, metadata jsonb, outputs jsonb, reference jsonb,
          derived_id boolean)`);
    },

    /**
     * Ids given to more than one line of the file. Repeats of a line whose id was derived from its content are the
     * same item again: they are dropped from staging and counted. Any other repeat is a problem of its line, naming
     * the first line of the id (the first `limit` are listed; `count` counts them all).
     */
    async duplicates(
      jobId: string,
      limit: number,
    ): Promise<{ repeats: number; count: number; problems: ImportProblem[] }> {
      const firsts = sql`(select external_id, min(line) as first_line from import_staging
        where job_id = ${jobId} group by external_id having count(*) > 1)`;
      const [dropped] = await rawRows<{ repeats: number }>(
        db,
        sql`with dropped as (
          delete from import_staging s using ${firsts} f
          where s.job_id = ${jobId} and s.external_id = f.external_id and s.line > f.first_line and s.derived_id
          returning 1)
        select count(*)::int as repeats from dropped`,
      );
      const rows = await rawRows<{ line: number; external_id: string; first_line: number; total: number }>(
        db,
        sql`select s.line, s.external_id, f.first_line, count(*) over ()::int as total
        from import_staging s join ${firsts} f on s.external_id = f.external_id
        where s.job_id = ${jobId} and s.line > f.first_line
        order by s.line limit ${limit}`,
      );
      return {
        repeats: dropped?.repeats ?? 0,
        count: rows[0]?.total ?? 0,
        problems: rows.map((r) => ({
          line: r.line,
          field: 'id',
          message: `duplicate id "${r.external_id}" (first on line ${r.first_line})`,
        })),
      };
    },

    async stagedCount(jobId: string): Promise<number> {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(importStaging)
        .where(eq(importStaging.jobId, jobId));
      return row?.count ?? 0;
    },

    /**
     * Moves the next `limit` staged lines after line `after` into the project: items whose external id the project
     * lacks are created (in file order, so import order follows the file), with their outputs and reference labels,
     * in one statement. Raw SQL: a chain of data-modifying CTEs feeding each other's RETURNING, which drizzle cannot
     * say. Returns the ids created, those of them with at least `minOutputs` outputs (ready for annotators), and the
     * last line moved (null when none were left).
     */
    async moveBatch(
      jobId: string,
      projectId: string,
      format: ImportFormat,
      after: number,
      limit: number,
      minOutputs = 0,
    ): Promise<{ createdIds: string[]; readyIds: string[]; lastLine: number | null }> {
      const [row] = await rawRows<{ last_line: number | null; created: string[]; ready: string[] }>(
        db,
        sql`with staged as (
          select line, external_id, conversation, metadata, outputs, reference from import_staging
          where job_id = ${jobId} and line > ${after} order by line limit ${limit}
        ), created as (
          insert into items (project_id, external_id, conversation, metadata)
          select ${projectId}::uuid, external_id, conversation, metadata from staged order by line
          on conflict (project_id, external_id) do nothing
          returning id, external_id
        ), outputs as (
          insert into item_outputs (item_id, output_id, model, content, position)
          select c.id, o.value ->> 'id', o.value ->> 'model', o.value ->> 'content', (o.ordinality - 1)::int
          from created c join staged s on s.external_id = c.external_id
          cross join lateral jsonb_array_elements(s.outputs) with ordinality as o(value, ordinality)
        ), refs as (
          insert into item_references (item_id, project_id, source, label)
          select c.id, ${projectId}::uuid, ${format}, s.reference
          from created c join staged s on s.external_id = c.external_id
          where s.reference is not null
          on conflict (item_id) do nothing
        )
        select (select max(line) from staged) as last_line,
               (select coalesce(json_agg(id), '[]'::json) from created) as created,
               (select coalesce(json_agg(c.id), '[]'::json) from created c join staged s on s.external_id = c.external_id
                where coalesce(jsonb_array_length(s.outputs), 0) >= ${minOutputs}) as ready`,
      );
      return { createdIds: row?.created ?? [], readyIds: row?.ready ?? [], lastLine: row?.last_line ?? null };
    },

    /** A job and (by cascade) its staged rows. */
    async remove(jobId: string): Promise<void> {
      await db.delete(importJobs).where(eq(importJobs.id, jobId));
    },

    async clearStaging(jobId: string): Promise<void> {
      await db.delete(importStaging).where(eq(importStaging.jobId, jobId));
    },
  };
}
export type ImportJobsRepository = ReturnType<typeof createImportJobsRepository>;
