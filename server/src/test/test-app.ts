import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CreateProjectBody, UserRole } from '@feedbench/shared';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../app.ts';
import { type Config, loadConfig } from '../config.ts';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import type { JudgeJobTiming } from '../modules/judges/judge-jobs.runner.ts';
import type { GenerationTimings } from '../modules/models/generation-runner.ts';
import { csrfTokenFor } from '../plugins/csrf.ts';

/** A clock tests move by hand: lease and session expiry without sleeping. */
export class FakeClock implements Clock {
  private current = new Date();
  now() {
    return new Date(this.current);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const engine = process.env.FEEDBENCH_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';

/**
 * The run's PostgreSQL database, shared by the files of the tier; or, with `own`, a fresh database for this file alone
 * (for tests that checksum the whole database while other files write to theirs in parallel). PGlite: always a new
 * database in a temporary folder, loaded from the run's migrated dump (global-setup.ts).
 */
async function openTestDatabase(
  own: boolean,
): Promise<{ database: DatabaseHandle; dispose(): Promise<void>; settings: Config['database'] }> {
  const url = inject('databaseUrl');
  if (engine === 'postgres') {
    if (!url) throw new Error('global setup did not provide a database URL');
    if (!own) {
      const settings = { kind: 'postgres' as const, url, poolSize: 20 };
      return { database: openDatabase(settings), dispose: async () => {}, settings };
    }
    const name = `feedbench_own_${process.pid}_${Date.now()}`;
    const admin = async (statement: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    };
    await admin(`create database ${name}`);
    const ownUrl = new URL(url);
    ownUrl.pathname = `/${name}`;
    const settings = { kind: 'postgres' as const, url: ownUrl.toString(), poolSize: 20 };
    return {
      database: openDatabase(settings),
      dispose: () => admin(`drop database if exists ${name} with (force)`),
      settings,
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'feedbench-test-'));
  const template = inject('pgliteTemplate');
  const initialDump = template ? new Blob([readFileSync(template)]) : undefined;
  return {
    database: openDatabase({ kind: 'pglite', dataDir: dir }, { initialDump }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
    settings: { kind: 'pglite', dataDir: dir },
  };
}

/** The test configuration: silent logs, a fixed secret for model API keys (no secret file written). */
export function testConfig(): Config {
  return {
    // A fixed secret: model API keys are encrypted without writing a secret file into the working folder.
    ...loadConfig({
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      FEEDBENCH_SECRET: 'feedbench-test-secret-0123456789',
    }),
    database: { kind: 'pglite' as const, dataDir: '' },
    // Every test signs in from 127.0.0.1 against one database per run: only the lockout tests lower this.
    loginLimits: { failuresPerAccount: 10, failuresPerAddress: 100_000, windowMinutes: 15 },
    // Test accounts hash at 1/128 of OWASP's cost (~3 ms, 1 MiB): the suite makes thousands of them, each a hash and
    // a sign-in. Tests of hashing itself and of the queue of hashes set SCRYPT_COST back (password.ts).
    passwordCost: { n: 2 ** 10, r: 8, p: 1 },
    // Tests sign in many accounts at once, all from 127.0.0.1: the queue of hashes never refuses them (the tests of
    // that queue set their own limits).
    passwordHashing: { maxConcurrent: 2, maxQueued: 10_000, maxQueuedPerLane: 1000 },
  };
}

/** A second app on an open database (another instance, or the next start after a crash); close both yourself. */
export function buildAppOn(database: DatabaseHandle, options: { generationTimings?: Partial<GenerationTimings> } = {}) {
  return buildApp({ config: testConfig(), database, serveWeb: false, generationTimings: options.generationTimings });
}

/** The real app on a real database (PostgreSQL or PGlite by tier), through inject(). Close it in afterAll. */
export async function buildTestApp(
  options: {
    clock?: Clock;
    config?: Partial<Config>;
    ownDatabase?: boolean;
    logStream?: NodeJS.WritableStream;
    generationTimings?: Partial<GenerationTimings>;
    judgeTiming?: Partial<JudgeJobTiming>;
  } = {},
) {
  const clock = options.clock ?? new FakeClock();
  const { database, dispose, settings } = await openTestDatabase(options.ownDatabase ?? false);
  await database.migrate();
  const config: Config = { ...testConfig(), ...options.config };
  const app = await buildApp({
    config,
    database,
    clock,
    serveWeb: false,
    logStream: options.logStream,
    generationTimings: options.generationTimings,
    judgeTiming: options.judgeTiming,
  });
  const { services } = app;

  const harness = {
    app,
    services,
    database,
    clock,
    async close() {
      await app.close();
      await database.close();
      await dispose();
    },
    /**
     * Another handle on this harness's database, as a second process would open it (restart and crash tests). PGlite
     * takes one process at a time: close the harness's app and database first (`closeKeepingData`).
     */
    openSameDatabase: () => openDatabase(settings),
    /** Closes the app and its database handle but keeps the data (then `openSameDatabase`; `dispose` at the end). */
    async closeKeepingData() {
      await app.close();
      await database.close();
    },
    dispose,
    /**
     * A new account with a unique email, signed in. `headers` are what the browser sends: the session cookie and the
     * CSRF token the SPA reads from GET /api/auth/csrf (see plugins/csrf.ts).
     */
    async user(role: UserRole = 'annotator', options: { workspaceId?: string } = {}) {
      const email = `${role}-${randomUUID().slice(0, 8)}@test.local`;
      const password = 'correct horse battery';
      // Without a workspace the account joins the default one, where every project of the harness lives.
      const user = await services.auth.createUser({ email, password, role, workspaceId: options.workspaceId });
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
      if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
      const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const session = response.cookies.find((c) => c.name === 'feedbench_session')?.value ?? '';
      const csrfToken = csrfTokenFor(session);
      return { ...user, password, cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
    },
    async project(researcher: SignedIn, body: Partial<CreateProjectBody> = {}) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/projects',
        headers: researcher.headers,
        payload: { name: 'Test project', kind: 'ranking', ...body },
      });
      if (response.statusCode !== 201) throw new Error(`project create failed: ${response.body}`);
      return response.json() as { id: string; kind: string };
    },
    async importItems(researcher: SignedIn, projectId: string, lines: unknown[]) {
      return app.inject({
        method: 'POST',
        url: `/api/projects/${projectId}/imports`,
        headers: { ...researcher.headers, 'content-type': 'application/x-ndjson' },
        payload: lines.map((l) => JSON.stringify(l)).join('\n'),
      });
    },
    async addMember(researcher: SignedIn, projectId: string, member: { email: string }, role = 'annotator') {
      const response = await app.inject({
        method: 'POST',
        url: `/api/projects/${projectId}/members`,
        headers: researcher.headers,
        payload: { email: member.email, role },
      });
      if (response.statusCode !== 200) throw new Error(`add member failed: ${response.body}`);
    },
  };
  return harness;
}
export type TestHarness = Awaited<ReturnType<typeof buildTestApp>>;
/** Anyone the harness signed in: their browser headers (cookie + CSRF token). */
export interface SignedIn {
  headers: Record<string, string>;
}

/** An import line for a ranking item with K outputs. */
export function rankingLine(id: string, k = 4) {
  return {
    id,
    prompt: [{ role: 'user', content: `Prompt ${id}` }],
    outputs: Array.from({ length: k }, (_, i) => ({
      id: `o${i}`,
      model: `m${i}`,
      content: `Output ${i} for ${id}`,
    })),
  };
}
