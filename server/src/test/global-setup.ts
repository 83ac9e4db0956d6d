import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrationsFolder } from '../paths.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string | undefined;
    /** PGlite tier: a migrated database as a `dumpDataDir()` tarball every test app starts from. */
    pgliteTemplate: string | undefined;
  }
}

/**
 * PGlite tier: initdb and the migrations cost seconds per database (tens of seconds on a loaded machine), and every
 * test app opens its own; loading a migrated dump costs a fraction. Made once per run, deleted at the end.
 */
async function migratedPgliteDump(): Promise<{ file: string; remove(): void }> {
  const folder = mkdtempSync(path.join(tmpdir(), 'feedbench-pglite-template-'));
  const client = new PGlite(path.join(folder, 'data'));
  try {
    await migrate(drizzle(client), { migrationsFolder });
    const dump = await client.dumpDataDir('none');
    const file = path.join(folder, 'migrated.tar');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    return { file, remove: () => rmSync(folder, { recursive: true, force: true }) };
  } finally {
    await client.close();
  }
}

/**
 * For the PostgreSQL tier: a fresh database per run on the local server (TEST_PG_URL overrides the admin URL),
 * migrated once by the first test app, dropped at the end. For the PGlite tier, where each test app opens its own
 * database in a temporary folder: the migrated dump those databases start from.
 */
export default async function setup(project: TestProject) {
  if (process.env.FEEDBENCH_TEST_ENGINE !== 'postgres' && project.config.env?.FEEDBENCH_TEST_ENGINE !== 'postgres') {
    project.provide('databaseUrl', undefined);
    const template = await migratedPgliteDump();
    project.provide('pgliteTemplate', template.file);
    return () => template.remove();
  }
  project.provide('pgliteTemplate', undefined);
  const adminUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `feedbench_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  project.provide('databaseUrl', url.toString());

  return async () => {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  };
}
