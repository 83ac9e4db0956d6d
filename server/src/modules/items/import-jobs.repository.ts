import type { ImportFormat, ImportProblem } from '@feedbench/shared';
import { toConversation } from '@feedbench/shared';
import { and, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import { type Executor, rawRows } from '../../db/client.ts';
import { importJobs, importStaging, importStagingOutputs } from '../../db/schema/index.ts';
import { arrayLiteral } from '../../db/sql-arrays.ts';
import type { KeysetPosition } from '../../lib/keyset.ts';
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

    async analyzeImported() {
      await db.execute(sql`analyze items, item_outputs`);
    },

    /** Newest first, `limit` rows after the keyset position `after` (a range of import_jobs_project_idx). */
    list(projectId: string, limit: number, after?: KeysetPosition) {
      return db
        .select({ job: importJobs, createdAtKey: sql<string>`${importJobs.createdAt}::text` })
        .from(importJobs)
        .where(
          and(
            eq(importJobs.projectId, projectId),
            after
              ? sql`(${importJobs.createdAt}, ${importJobs.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(desc(importJobs.createdAt), desc(importJobs.id))
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
        const jobIds = stale.map((s) => s.id);
        await db.delete(importStaging).where(inArray(importStaging.jobId, jobIds));
        await db.delete(importStagingOutputs).where(inArray(importStagingOutputs.jobId, jobIds));
      }
    },

    /**
     * One batch of checked lines into the staging tables: a line per row of import_staging, an output per row of
     * import_staging_outputs. Each column goes as one array parameter unpacked by unnest: two statements per batch
     * whatever its size (no 65,535-parameter limit), the same on PostgreSQL and PGlite, and no JSON for the database
     * to parse but the small prompt and metadata (a jsonb array of outputs per line cost twice as much).
     */
    async stage(jobId: string, lines: CheckedLine[]): Promise<void> {
      if (lines.length === 0) return;
      const outputs = lines.flatMap(({ item, itemId }) =>
        (item.outputs ?? []).map((o, position) => ({ itemId, position, ...o })),
      );
      await db.execute(sql`
        insert into import_staging
          (job_id, line, item_id, external_id, conversation, metadata, output_count, reference, derived_id)
        select ${jobId}::uuid, r.*
        from unnest(${arrayLiteral(lines.map((l) => l.line))}::int[],
                    ${arrayLiteral(lines.map((l) => l.itemId))}::uuid[],
                    ${arrayLiteral(lines.map((l) => l.item.id))}::text[],
                    ${arrayLiteral(lines.map((l) => JSON.stringify(toConversation(l.item.prompt))))}::jsonb[],
                    ${arrayLiteral(lines.map((l) => JSON.stringify(l.item.metadata ?? {})))}::jsonb[],
                    ${arrayLiteral(lines.map((l) => l.item.outputs?.length ?? 0))}::int[],
                    ${arrayLiteral(lines.map((l) => (l.reference === null ? null : JSON.stringify(l.reference))))}::jsonb[],
                    ${arrayLiteral(lines.map((l) => l.derivedId))}::boolean[]) as r`);
      if (outputs.length === 0) return;
      await db.execute(sql`
        insert into import_staging_outputs (job_id, item_id, position, output_id, model, content, score)
        select ${jobId}::uuid, r.*
        from unnest(${arrayLiteral(outputs.map((o) => o.itemId))}::uuid[],
                    ${arrayLiteral(outputs.map((o) => o.position))}::int[],
                    ${arrayLiteral(outputs.map((o) => o.id))}::text[],
                    ${arrayLiteral(outputs.map((o) => o.model ?? null))}::text[],
                    ${arrayLiteral(outputs.map((o) => o.content))}::text[],
                    ${arrayLiteral(outputs.map((o) => o.score ?? null))}::double precision[]) as r`);
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
          returning s.item_id
        ), outputs as (
          delete from import_staging_outputs o using dropped d where o.job_id = ${jobId} and o.item_id = d.item_id
        )
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
          code: 'duplicate_id' as const,
          params: { id: r.external_id, firstLine: r.first_line },
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
     * Holds the project's import moves one at a time until the transaction ends: two files accepted at once into one
     * project would otherwise both find an id new. An advisory lock, so claims and submits (which lock project rows
     * for key share through their foreign keys) never wait on it.
     */
    async lockProjectImports(projectId: string): Promise<void> {
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`import:${projectId}`}, 0))`);
    },

    /**
     * Planner statistics for the rows just staged, before anything queries them: autovacuum has not seen them yet and
     * PGlite runs none, and the statistics left by an earlier file say one job's rows are a handful. Planned on those,
     * the repeated-id search of a 30,000-line file became a nested loop that held PGlite for minutes (issue 12).
     */
    async analyzeStaged(): Promise<void> {
      await db.execute(sql`analyze import_staging, import_staging_outputs`);
    },

    /**
     * Room for the set-based move (PostgreSQL's default work_mem of 4 MB spills a hash over a million staged ids to
     * disk), for this transaction only.
     */
    async prepareMove(): Promise<void> {
      await db.execute(sql`set local work_mem = '64MB'`);
    },

    /**
     * Where the connection may (a superuser: the embedded database, most single-tenant installs), the rest of the
     * transaction fires no per-row triggers (session_replication_role = replica, what pg_dump's restores use): the
     * foreign-key checks cost ~40% of moving a million items with 4M outputs and 2M slots, one lookup and one row lock
     * per row. The move needs none of them: every row it writes names an item it inserted itself in this transaction
     * or the project, which this takes the key-share lock on that the checks would have taken (so the project cannot
     * be deleted under the import). Statement triggers do not fire either: the caller then keeps item_counters with
     * addCreatedToCounters. import-jobs.int.test.ts fails if any other trigger is put on the tables the move writes.
     * Returns whether triggers are off.
     */
    async skipRowTriggers(projectId: string): Promise<boolean> {
      const [row] = await rawRows<{ superuser: boolean }>(
        db,
        sql`select current_setting('is_superuser') = 'on' as superuser`,
      );
      if (!row?.superuser) return false;
      await db.execute(sql`select 1 from projects where id = ${projectId} for key share`);
      await db.execute(sql`set local session_replication_role = replica`);
      return true;
    },

    /** What the item_counters insert trigger would have added for `created` new items (no annotations yet). */
    async addCreatedToCounters(projectId: string, created: number): Promise<void> {
      if (created === 0) return;
      await db.execute(sql`
        insert into item_counters as c (project_id, annotation_count, shard, items)
        values (${projectId}, 0, 8 + floor(random() * 8)::int, ${created})
        on conflict (project_id, annotation_count, shard) do update set items = c.items + excluded.items`);
    },

    /**
     * Staged lines whose id the project already has leave staging with their outputs (re-import is idempotent);
     * returns their count.
     */
    async dropExisting(jobId: string, projectId: string): Promise<number> {
      const [row] = await rawRows<{ existing: number }>(
        db,
        sql`with dropped as (
          delete from import_staging s using items i
          where s.job_id = ${jobId} and i.project_id = ${projectId} and i.external_id = s.external_id
          returning s.item_id
        ), outputs as (
          delete from import_staging_outputs o using dropped d where o.job_id = ${jobId} and o.item_id = d.item_id
        )
        select count(*)::int as existing from dropped`,
      );
      return row?.existing ?? 0;
    },

    /**
     * Every staged line becomes an item (after dropExisting, under lockProjectImports, none of their ids is taken), in
     * file order so import order follows the file: one statement for the whole file, so the item_counters trigger
     * runs once. Raw SQL for the count of a multi-million-row insert without carrying its ids back.
     */
    async moveItems(jobId: string, projectId: string): Promise<number> {
      const [row] = await rawRows<{ created: number }>(
        db,
        sql`with created as (
          insert into items (id, project_id, external_id, conversation, metadata)
          select s.item_id, ${projectId}::uuid, s.external_id, s.conversation, s.metadata
          from import_staging s where s.job_id = ${jobId} order by s.line
          returning 1)
        select count(*)::int as created from created`,
      );
      return row?.created ?? 0;
    },

    /** The staged items' outputs (in file order within each item) and reference labels, one statement each. */
    async moveOutputsAndReferences(jobId: string, projectId: string, format: ImportFormat): Promise<void> {
      await db.execute(sql`
        insert into item_outputs (item_id, output_id, model, content, position, score)
        select o.item_id, o.output_id, o.model, o.content, o.position, o.score
        from import_staging_outputs o where o.job_id = ${jobId}`);
      await db.execute(sql`
        insert into item_references (item_id, project_id, source, label)
        select s.item_id, ${projectId}::uuid, ${format}, s.reference
        from import_staging s
        where s.job_id = ${jobId} and s.reference is not null
        on conflict (item_id) do nothing`);
    },

    /** A query of the ids of the staged items with at least `minOutputs` outputs: the ones annotators may be given. */
    readyItems(jobId: string, minOutputs: number) {
      return sql`select s.item_id as id from import_staging s
        where s.job_id = ${jobId} and s.output_count >= ${minOutputs}`;
    },

    /** A job and (by cascade) its staged rows. */
    async remove(jobId: string): Promise<void> {
      await db.delete(importJobs).where(eq(importJobs.id, jobId));
    },

    async clearStaging(jobId: string): Promise<void> {
      await db.delete(importStaging).where(eq(importStaging.jobId, jobId));
      await db.delete(importStagingOutputs).where(eq(importStagingOutputs.jobId, jobId));
    },
  };
}
export type ImportJobsRepository = ReturnType<typeof createImportJobsRepository>;
