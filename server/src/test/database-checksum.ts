import { sql } from 'drizzle-orm';
import { type Database, rawRows } from '../db/client.ts';

/**
 * Tables that record refusals or use on purpose: audit_events (failed sign-ins), rate_limit_hits (throttling counts
 * failures), sessions (sign-ins and last-seen times). Columns likewise: api_tokens.last_used_at.
 */
const RECORDS_REFUSALS = new Set(['audit_events', 'rate_limit_hits', 'sessions']);
const RECORDS_USE = ['last_used_at'];

/**
 * "Did this request write anything?": one md5 per table over its rows in a stable order (equal checksums, equal
 * data), for tests that assert a refused request leaves the database as it was. Use a database of the test's own
 * (buildTestApp({ ownDatabase: true })): other files write to the shared one in parallel.
 */
export async function databaseChecksum(db: Database): Promise<() => Promise<string>> {
  const rows = await rawRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const tables = rows.map((r) => r.name).filter((name) => !RECORDS_REFUSALS.has(name));
  const ignored = sql.raw(RECORDS_USE.map((c) => ` - '${c}'`).join(''));
  return async () => {
    const parts = tables.map(
      (t) =>
        sql`select ${t} as t, count(*) as n, md5(coalesce(string_agg((to_jsonb(x)${ignored})::text, '|' order by (to_jsonb(x)${ignored})::text), '')) as h from ${sql.identifier(t)} x`,
    );
    const sums = await rawRows<{ t: string; n: string; h: string }>(db, sql.join(parts, sql` union all `));
    return sums.map((r) => `${r.t}:${r.n}:${r.h}`).join(',');
  };
}
