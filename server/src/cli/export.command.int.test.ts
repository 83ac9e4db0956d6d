import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import parquet from '@dsnp/parquetjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotateAll, exportLines } from '../modules/exports/exports.fixtures.ts';
import { buildTestApp, engine, type TestHarness } from '../test/test-app.ts';

// `feedbench export --server URL --token T` as a user runs it: a separate process that asks a running server for a
// background job, follows it, and downloads the file. PostgreSQL only: the server under test and the CLI would
// otherwise need one PGlite directory at once.
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(path.join(tmpdir(), 'feedbench-cli-export-'));

let h: TestHarness;
let baseUrl: string;
let token: string;
let projectId: string;
let researcher: Awaited<ReturnType<TestHarness['user']>>;

describe.skipIf(engine !== 'postgres')('feedbench export over HTTP', () => {
  beforeAll(async () => {
    h = await buildTestApp({ config: { exportsDir: path.join(work, 'exports') } });
    researcher = await h.user('researcher');
    const annotator = await h.user('annotator');
    const project = await h.project(researcher, { name: 'CLI over HTTP', kind: 'demonstration' });
    projectId = project.id;
    await h.importItems(
      researcher,
      projectId,
      Array.from({ length: 12 }, (_, i) => ({ id: `q${i}`, prompt: [{ role: 'user', content: `Question ${i}?` }] })),
    );
    await h.addMember(researcher, projectId, annotator);
    await annotateAll(h, annotator, projectId, (task) => ({
      reply: { type: 'demonstration', text: `Answer to ${task.item.externalId}` },
    }));
    const created = await h.services.tokens.create(
      { ...researcher, createdAt: new Date(researcher.createdAt) } as never,
      { name: 'cli', access: 'write', password: researcher.password } as never,
    );
    token = (created as { token: string }).token;
    baseUrl = await h.app.listen({ port: 0, host: '127.0.0.1' });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('runs a background job on the server and writes its Parquet file', { timeout: 120_000 }, async () => {
    const out = path.join(work, 'chat.parquet');
    const { stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'server/src/cli/main.ts', 'export', '--server', baseUrl, '--project', projectId],
      { cwd: root, env: { ...process.env, FEEDBENCH_TOKEN: token, LOG_LEVEL: 'silent' } },
    ).catch((error: { stderr: string }) => ({ stderr: `failed: ${error.stderr}` }));
    // Without --format the command refuses to run: the format is the contract.
    expect(stderr).toContain('--format');

    const done = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/src/cli/main.ts',
        'export',
        '--server',
        baseUrl,
        '--project',
        projectId,
        '--format',
        'openai-chat',
        '--out',
        out,
      ],
      { cwd: root, env: { ...process.env, FEEDBENCH_TOKEN: token, LOG_LEVEL: 'silent' } },
    );
    expect(done.stderr).toContain(`exported 12 lines to ${out}`);
    const reader = await parquet.ParquetReader.openFile(out);
    const cursor = reader.getCursor();
    const records: unknown[] = [];
    for (let record = await cursor.next(); record; record = await cursor.next()) records.push(record);
    await reader.close();
    expect(records).toEqual(await exportLines(h, researcher, projectId, { format: 'openai-chat' }));
    expect(readFileSync(out).subarray(0, 4).toString()).toBe('PAR1');
  });
});
