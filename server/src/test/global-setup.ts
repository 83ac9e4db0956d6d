import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string | undefined;
  }
}

/**
 * For the PostgreSQL tier: a fresh database per run on the local server (TEST_PG_URL overrides the admin URL),
 * migrated once by the first test app, dropped at the end. The PGlite tier needs nothing here: each test file opens
 * its own database in a temporary folder.
 */
export default async function setup(project: TestProject) {
  if (process.env.FEEDBENCH_TEST_ENGINE !== 'postgres' && project.config.env?.FEEDBENCH_TEST_ENGINE !== 'postgres') {
    project.provide('databaseUrl', undefined);
    return;
  }
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
