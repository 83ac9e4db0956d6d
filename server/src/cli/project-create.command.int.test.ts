import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { engine } from '../test/test-app.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(path.join(tmpdir(), 'feedbench-cli-preset-'));
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

async function feedbench(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', ...args], { cwd: root, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout: stdout.trim(), stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ ...error, stdout: error.stdout.trim() }),
  );
}

function writeItems(name: string, outputs: number) {
  const file = path.join(work, name);
  const line = {
    id: `${name}-1`,
    prompt: 'Which is better?',
    outputs: Array.from({ length: outputs }, (_, i) => ({ id: `o${i}`, content: `Output ${i}` })),
  };
  writeFileSync(file, `${JSON.stringify(line)}\n`);
  return file;
}

describe('feedbench project create --preset', () => {
  it('creates a project with the preset template, whose items must then fit it', { timeout: 180_000 }, async () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const admin = ['--email', `preset-${suffix}@cli.test`, '--password', 'quiet harbour lantern 42', '--role', 'admin'];
    expect((await feedbench('user', 'add', ...admin)).code).toBe(0);
    const created = await feedbench('project', 'create', '--name', 'Pairwise', '--preset', 'llama2-pairwise');
    expect(created.stdout).toMatch(/^[0-9a-f-]{36}$/);

    // Llama 2 pairwise asks for exactly two outputs: three are refused, naming the line and the question.
    const refused = await feedbench('import', '--project', created.stdout, writeItems('three.jsonl', 3));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 1: outputs: question "preference" (pairwise) needs exactly 2 outputs');
    const accepted = await feedbench('import', '--project', created.stdout, writeItems('two.jsonl', 2));
    expect(JSON.parse(accepted.stdout)).toEqual({ lines: 1, created: 1, existing: 0 });
  });

  it('refuses a preset whose kind contradicts --kind, and an unknown preset', { timeout: 60_000 }, async () => {
    const clash = await feedbench('project', 'create', '--name', 'x', '--kind', 'ranking', '--preset', 'sft-rewrite');
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('--preset sft-rewrite makes a demonstration project, not --kind ranking');
    const unknown = await feedbench('project', 'create', '--name', 'x', '--preset', 'nope');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('instructgpt-ranking');
    const neither = await feedbench('project', 'create', '--name', 'x');
    expect(neither.stderr).toContain('--kind or --preset is required');
  });
});

describe('feedbench project create --kind chat', () => {
  it('creates a chat project from its candidate slots, and refuses one without', { timeout: 180_000 }, async () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const admin = ['--email', `chat-${suffix}@cli.test`, '--password', 'quiet harbour lantern 42', '--role', 'admin'];
    expect((await feedbench('user', 'add', ...admin)).code).toBe(0);
    const missing = await feedbench('project', 'create', '--name', 'No slots', '--kind', 'chat');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('a chat project needs --candidate <connection-id>');
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    const created = await feedbench(
      'project',
      'create',
      '--name',
      'Live chat',
      '--kind',
      'chat',
      '--candidate',
      a,
      '--candidate',
      `${b}:0.7`,
      '--turns',
      '2',
      '--system-prompt',
      'Be brief.',
    );
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('feedbench project create --ordering / project update', () => {
  it('sets every ordering policy the web offers, selection policies included', { timeout: 240_000 }, async () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const admin = ['--email', `order-${suffix}@cli.test`, '--password', 'quiet harbour lantern 42', '--role', 'admin'];
    expect((await feedbench('user', 'add', ...admin)).code).toBe(0);
    const created = await feedbench(
      'project',
      'create',
      '--name',
      'Ordered',
      '--kind',
      'ranking',
      '--ordering',
      'score-margin',
    );
    expect(created.stderr).toBe('');
    const updated = await feedbench(
      'project',
      'update',
      '--project',
      created.stdout.trim(),
      '--ordering',
      'judge-disagreement',
    );
    expect(updated.code).toBe(0);
    expect(JSON.parse(updated.stdout).settings.ordering).toBe('judge-disagreement');
    const unknown = await feedbench('project', 'update', '--project', created.stdout.trim(), '--ordering', 'nope');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('human-disagreement');
  });
});
