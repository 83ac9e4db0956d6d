import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type OpenAICompatibleServer, startOpenAICompatibleServer } from '../test/openai-compatible-server.ts';
import { engine } from '../test/test-app.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(path.join(tmpdir(), 'feedbench-cli-models-'));
const KEY = 'sk-cli-secret-key-42';
let server: OpenAICompatibleServer;
beforeAll(async () => {
  server = await startOpenAICompatibleServer({ apiKey: KEY });
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

// The CLI as a user runs it: a separate process on the database the server would use, the key in the environment.
const env: Record<string, string | undefined> = {
  ...process.env,
  LOG_LEVEL: 'silent',
  FEEDBENCH_SECRET: 'cli-test-secret-0123456789abcdef',
  MODEL_KEY: KEY,
  ...(engine === 'postgres'
    ? { DATABASE_URL: inject('databaseUrl') as string }
    : { FEEDBENCH_DATA_DIR: path.join(work, 'data') }),
};
if (engine === 'pglite') delete env.DATABASE_URL;

async function feedbench(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', ...args], { cwd: root, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout: stdout.trim(), stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ ...error, stdout: error.stdout.trim() }),
  );
}

describe('feedbench models and generate', () => {
  it('adds a connection with the key from the environment, tests it, generates outputs, removes it', {
    timeout: 600_000,
  }, async () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const admin = ['--email', `models-${suffix}@cli.test`, '--password', 'quiet harbour lantern 42', '--role', 'admin'];
    expect((await feedbench('user', 'add', ...admin)).code).toBe(0);
    const projectId = (await feedbench('project', 'create', '--name', `Gen ${suffix}`, '--kind', 'ranking')).stdout;
    const file = path.join(work, 'items.jsonl');
    const line = (i: number) => ({
      id: `cli-${i}`,
      prompt: `CLI prompt ${i}`,
      outputs: [
        { id: 'a', content: 'first' },
        { id: 'b', content: 'second' },
      ],
    });
    writeFileSync(file, `${[0, 1, 2].map((i) => JSON.stringify(line(i))).join('\n')}\n`);
    expect((await feedbench('import', '--project', projectId, file)).code).toBe(0);

    const added = await feedbench(
      'models',
      'add',
      '--name',
      `cli-${suffix}`,
      '--base-url',
      server.url,
      '--model',
      'test-model',
      '--api-key-env',
      'MODEL_KEY',
      '--temperature',
      '0.5',
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).not.toContain(KEY);
    const connection = JSON.parse(added.stdout) as { id: string; hasApiKey: boolean; defaultParams: unknown };
    expect(connection).toMatchObject({ hasApiKey: true, defaultParams: { temperature: 0.5 } });

    const tested = await feedbench('models', 'test', connection.id, '--prompt', 'Hello CLI');
    expect(tested.code, tested.stderr).toBe(0);
    expect(JSON.parse(tested.stdout)).toMatchObject({ ok: true, model: 'test-model' });

    const generated = await feedbench(
      'generate',
      '--project',
      projectId,
      '--connection',
      connection.id,
      '--samples',
      '2',
      '--seed',
      '5',
    );
    expect(generated.code, generated.stderr).toBe(0);
    const report = JSON.parse(generated.stdout) as {
      job: { status: string; samplesDone: number };
      failures: unknown[];
    };
    expect(report.job).toMatchObject({ status: 'done', samplesDone: 6 });
    expect(report.failures).toEqual([]);
    const calls = server.requests.filter((r) => r.body?.messages?.[0]?.content.startsWith('CLI prompt'));
    expect(calls).toHaveLength(6);
    expect(new Set(calls.map((c) => c.body?.seed))).toEqual(new Set([5, 6]));

    const listed = await feedbench('models', 'list');
    expect(listed.stdout).toContain(connection.id);
    expect(listed.stdout).not.toContain(KEY);
    expect((await feedbench('models', 'remove', connection.id)).code).toBe(0);
    expect((await feedbench('models', 'list')).stdout).not.toContain(connection.id);
  });
});
