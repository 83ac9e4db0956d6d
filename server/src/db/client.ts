import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { Config } from '../config.ts';
import { migrationsFolder } from '../paths.ts';
import * as schema from './schema/index.ts';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; repositories accept one so services can compose them atomically. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Executor = Database | Tx;
export type DatabaseEngine = 'postgres' | 'pglite';

export interface DatabaseHandle {
  db: Database;
  engine: DatabaseEngine;
  /** PostgreSQL only: the connection string, for the dedicated LISTEN connection. */
  url?: string;
  applicationName?: string;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** Any key: serializes migrations when several instances start against one PostgreSQL at once. */
const MIGRATION_LOCK_KEY = 724_001;

/**
 * `initialDump` (PGlite only): a `dumpDataDir()` tarball to start an empty folder from, so test files skip initdb and
 * the migrations (seconds each) by loading an already migrated database.
 */
export function openDatabase(database: Config['database'], options: { initialDump?: Blob } = {}): DatabaseHandle {
  if (database.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: database.url,
      max: database.poolSize,
      application_name: database.applicationName ?? 'feedbench',
      // node-postgres waits forever for a free connection by default: fail fast so saturation answers 503.
      connectionTimeoutMillis: 10_000,
    });
    // An idle client killed by the server (restart, pg_terminate_backend) emits here; without a listener the
    // process would crash. The pool drops that client and opens a new one on the next checkout.
    pool.on('error', (error) => console.error(`database pool: idle client lost (${error.message})`));
    // A connection killed while checked out also emits 'error' on its client, where nothing listens by default:
    // the query in flight fails on its own (answered 503 by the error handler); the process must not crash.
    pool.on('connect', (client) => {
      client.on('error', (error) => console.error(`database pool: connection lost (${error.message})`));
    });
    const db = drizzleNodePg(pool, { schema }) as unknown as Database;
    return {
      db,
      engine: 'postgres',
      url: database.url,
      applicationName: database.applicationName ?? 'feedbench',
      async migrate() {
        const client = await pool.connect();
        try {
          await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
          await migrateNodePg(drizzleNodePg(client, { schema }), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  mkdirSync(database.dataDir, { recursive: true });
  const client = new PGlite(database.dataDir, options.initialDump ? { loadDataDir: options.initialDump } : {});
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    engine: 'pglite',
    async migrate() {
      await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
    },
    // PGlite keeps the event loop alive until closed.
    close: () => client.close(),
  };
}

/**
 * Rows of a raw statement, whichever driver ran it (both return `{ rows }`). With a `name`, the statement is a named
 * prepared statement on PostgreSQL: each connection parses and plans it once and reuses the plan, which matters for
 * the big claim and submit statements of the annotator's hot path (planning them costs more than running them).
 * Every call with one name must send the same SQL text (values go in parameters): pg refuses a name reused with other
 * text. PGlite ignores the name.
 */
export async function rawRows<T>(executor: Executor, query: ReturnType<typeof sql>, name?: string): Promise<T[]> {
  if (name === undefined) {
    const result = (await executor.execute(query)) as unknown as { rows: T[] };
    return result.rows;
  }
  // drizzle's execute() has no name parameter; its session's prepareQuery (what execute() calls) does.
  const session = (executor as unknown as { session: NamingSession }).session;
  const prepared = session.prepareQuery(session.dialect.sqlToQuery(query), undefined, name, false);
  const result = (await prepared.execute()) as { rows: T[] };
  return result.rows;
}

interface NamingSession {
  dialect: { sqlToQuery(query: ReturnType<typeof sql>): unknown };
  prepareQuery(query: unknown, fields: undefined, name: string, arrayMode: false): { execute(): Promise<unknown> };
}
