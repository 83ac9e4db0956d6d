import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { engine } from '../test/test-app.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(path.join(tmpdir(), 'feedbench-cli-workspace-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The CLI as a user runs it: a separate process on the database the server would use.
const env: Record<string, string | undefined> = {
  ...process.env,
  LOG_LEVEL: 'silent',
  ...(engine === 'postgres'
    ? { DATABASE_URL: inject('databaseUrl') as string }
    : { FEEDBENCH_DATA_DIR: path.join(work, 'data') }),
};
if (engine === 'pglite') delete env.DATABASE_URL;

async function feedbench(...args: string[]) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', ...args], {
    cwd: root,
    env,
  });
  return stdout.trim();
}

describe('feedbench workspace commands', () => {
  // Six CLI processes (each starts, migrates and closes): minutes on a busy machine.
  it('creates a workspace, an account and a project in it, by slug', { timeout: 600_000 }, async () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const slug = `cli-${suffix}`;
    await feedbench(
      'user',
      'add',
      '--email',
      `wsadmin-${suffix}@cli.test`,
      '--password',
      'quiet harbour lantern 42',
      '--role',
      'admin',
    );
    const workspaceId = await feedbench('workspace', 'create', '--name', `CLI team ${suffix}`, '--slug', slug);
    expect(workspaceId).toMatch(/^[0-9a-f-]{36}$/);
    await feedbench(
      'user',
      'add',
      '--email',
      `wsann-${suffix}@cli.test`,
      '--password',
      'quiet harbour lantern 42',
      '--role',
      'annotator',
      '--workspace',
      slug,
    );
    const projectId = await feedbench(
      'project',
      'create',
      '--name',
      'In a team',
      '--kind',
      'ranking',
      '--workspace',
      slug,
    );
    // Only accounts of the project's workspace can join it: the annotator made into it can.
    const { members } = JSON.parse(
      await feedbench('project', 'add-member', '--project', projectId, '--email', `wsann-${suffix}@cli.test`),
    );
    expect(members.map((m: { email: string }) => m.email)).toContain(`wsann-${suffix}@cli.test`);
    const refused = await feedbench(
      'project',
      'create',
      '--name',
      'X',
      '--kind',
      'ranking',
      '--workspace',
      'nope',
    ).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 1 });
  });
});
