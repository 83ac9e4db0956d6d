import { sql } from 'drizzle-orm';
import { type Database, rawRows } from '../db/client.ts';

/**
 * Tables that record refusals or use on purpose: audit_events (failed sign-ins), rate_limit_hits (throttling counts
 * failures), login_account_throttle (attempts per account), sessions (sign-ins and last-seen times). api_tokens records its last use (last_used_at), so it is
 * compared by content without that column.
 */
// import_jobs: a file refused in the background is recorded as a failed job with its line report (the job's purpose);
// import_staging(_outputs): scratch rows such a job writes and deletes after its 202, while the next request already runs.
const RECORDS_REFUSALS = new Set([
  'audit_events',
  'import_jobs',
  'import_staging',
  'import_staging_outputs',
  'login_account_throttle',
  'rate_limit_hits',
  'sessions',
]);
const RECORDS_USE: Record<string, string> = { api_tokens: 'last_used_at' };

/**
 * "Did this request write anything?", for tests that assert a refused request leaves the database as it was. Per
 * table: the row count and the newest row version's transaction id (xmin): an insert, update or delete changes one of
 * them, even an update that rewrites a row with the same values; taking a row lock does not. Cheap enough to run
 * around every refused call (a content hash sorts every table). Use a database of the test's own
 * (buildTestApp({ ownDatabase: true })): other files write to the shared one in parallel.
 */
export async function databaseChecksum(db: Database): Promise<() => Promise<string>> {
  const rows = await rawRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const tables = rows.map((r) => r.name).filter((name) => !RECORDS_REFUSALS.has(name));
  const parts = tables.map((t) => {
    const ignored = RECORDS_USE[t];
    return ignored
      ? sql`select ${t} as t, count(*)::text || ':' || md5(coalesce(string_agg((to_jsonb(x) - ${ignored})::text, '|' order by (to_jsonb(x) - ${ignored})::text), '')) as v from ${sql.identifier(t)} x`
      : sql`select ${t} as t, count(*)::text || ':' || coalesce(max(x.xmin::text::bigint), 0)::text as v from ${sql.identifier(t)} x`;
  });
  const query = sql.join(parts, sql` union all `);
  return async () => {
    const sums = await rawRows<{ t: string; v: string }>(db, query);
    return sums.map((r) => `${r.t}:${r.v}`).join(',');
  };
}
