import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { engine } from '../test/test-app.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(path.join(tmpdir(), 'feedbench-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The CLI as a user runs it: a separate process on the same database the server would use.
const env = {
  ...process.env,
  LOG_LEVEL: 'silent',
  ...(engine === 'postgres'
    ? { DATABASE_URL: inject('databaseUrl') as string }
    : { DATABASE_URL: '', FEEDBENCH_DATA_DIR: path.join(work, 'data') }),
};
if (engine === 'pglite') delete (env as Record<string, string | undefined>).DATABASE_URL;

async function feedbench(...args: string[]) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', ...args], {
    cwd: root,
    env,
  });
  return stdout.trim();
}

describe('feedbench CLI', () => {
  it('runs the round trip: user add, project create, add-member, import, export', { timeout: 120_000 }, async () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    await feedbench(
      'user',
      'add',
      '--email',
      `admin-${suffix}@cli.test`,
      '--password',
      'quiet harbour lantern 42',
      '--role',
      'admin',
    );
    await feedbench(
      'user',
      'add',
      '--email',
      `ann-${suffix}@cli.test`,
      '--password',
      'quiet harbour lantern 42',
      '--role',
      'annotator',
    );
    writeFileSync(path.join(work, 'guidelines.md'), '# Rank carefully');
    const projectId = await feedbench(
      'project',
      'create',
      '--name',
      'CLI project',
      '--kind',
      'ranking',
      '--guidelines',
      path.join(work, 'guidelines.md'),
    );
    expect(projectId).toMatch(/^[0-9a-f-]{36}$/);
    await feedbench('project', 'add-member', '--project', projectId, '--email', `ann-${suffix}@cli.test`);

    const items = [1, 2].map((i) =>
      JSON.stringify({
        id: `cli-${i}`,
        prompt: `Prompt ${i}`,
        outputs: [
          { id: 'a', content: `good ${i}` },
          { id: 'b', content: `bad ${i}` },
        ],
      }),
    );
    writeFileSync(path.join(work, 'items.jsonl'), items.join('\n'));
    expect(JSON.parse(await feedbench('import', '--project', projectId, path.join(work, 'items.jsonl')))).toEqual({
      lines: 2,
      created: 2,
      existing: 0,
    });
    expect(JSON.parse(await feedbench('import', '--project', projectId, path.join(work, 'items.jsonl')))).toMatchObject(
      {
        created: 0,
        existing: 2,
      },
    );

    const out = path.join(work, 'prefs.jsonl');
    await feedbench('export', '--project', projectId, '--format', 'trl-preference', '--out', out);
    // Nothing annotated yet: an empty, valid file.
    expect(readFileSync(out, 'utf8')).toBe('');
  });

  it('names the bad line of an import and exits non-zero, writing nothing', { timeout: 60_000 }, async () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    await feedbench(
      'user',
      'add',
      '--email',
      `admin2-${suffix}@cli.test`,
      '--password',
      'quiet harbour lantern 42',
      '--role',
      'admin',
    );
    const projectId = await feedbench('project', 'create', '--name', 'Bad import', '--kind', 'ranking');
    writeFileSync(path.join(work, 'bad.jsonl'), `${JSON.stringify({ id: 'x', prompt: 'p' })}\n{oops\n`);
    const failure = await feedbench('import', '--project', projectId, path.join(work, 'bad.jsonl')).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(typeof failure).toBe('object');
    const { code, stderr } = failure as { code: number; stderr: string };
    expect(code).toBe(1);
    expect(stderr).toContain('line 1: outputs:');
    expect(stderr).toContain('line 2: (line): not valid JSON');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
