import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SessionUser } from '../modules/auth/auth.service.ts';
import { PAIRWISE_SETTINGS, pairwiseJudge, pairwiseLine } from '../modules/judges/judges.fixtures.ts';
import { type OpenAICompatibleServer, startOpenAICompatibleServer } from '../test/openai-compatible-server.ts';
import { buildTestApp, engine, type TestHarness } from '../test/test-app.ts';

// `feedbench judge run` and `judge report` as a user runs them: a separate process on the server's database, acting
// as the oldest admin. PostgreSQL only (the test app and the CLI would otherwise need one PGlite directory at once).
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');

let h: TestHarness;
let model: OpenAICompatibleServer;
let projectId: string;
let judgeId: string;
let connectionId: string;

async function feedbench(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', ...args], {
    cwd: root,
    env: {
      ...process.env,
      LOG_LEVEL: 'silent',
      DATABASE_URL: inject('databaseUrl') as string,
      FEEDBENCH_SECRET: 'feedbench-test-secret-0123456789',
    },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

const addJudge = (name: string, ...more: string[]) =>
  feedbench('judge', 'add', '--project', projectId, '--connection', connectionId, '--name', name, ...more);

describe.skipIf(engine !== 'postgres')('feedbench judge', () => {
  beforeAll(async () => {
    h = await buildTestApp();
    model = await startOpenAICompatibleServer();
    model.behave(pairwiseJudge((item) => (item === 'c0' ? 0 : 1)));
    const admin = await h.user('admin');
    const researcher = await h.user('researcher');
    const project = await h.project(researcher, { name: 'CLI judged', kind: 'ranking', settings: PAIRWISE_SETTINGS });
    projectId = project.id;
    await h.importItems(researcher, projectId, [pairwiseLine('c0'), pairwiseLine('c1')]);
    const adminUser = (await h.services.auth.findUserByEmail(admin.email)) as SessionUser;
    const [workspace] = await h.services.workspaces.list(adminUser);
    const connection = await h.services.models.create(adminUser, {
      workspaceId: workspace?.id,
      name: `cli-${Date.now()}`,
      baseUrl: model.url,
      model: 'judge-model',
    });
    connectionId = connection.id;
    const researcherUser = (await h.services.auth.findUserByEmail(researcher.email)) as SessionUser;
    judgeId = (
      await h.services.judges.create(researcherUser, projectId, { name: 'CLI judge', connectionId: connection.id })
    ).id;
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await model?.close();
  });

  it('runs a judging job to the end and prints its counts', { timeout: 120_000 }, async () => {
    const result = await feedbench('judge', 'run', '--project', projectId, '--judge', judgeId, '--concurrency', '2');
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/done: 2\/2 answered, 0 failed/);
    const answers = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${projectId}/judges/${judgeId}/answers`,
      headers: (await h.user('admin')).headers,
    });
    expect(
      answers
        .json()
        .answers.map((a: { answers: { pair: { preferred: string } } }) => a.answers.pair.preferred)
        .sort(),
    ).toEqual(['o0', 'o1']);
  });

  it("judges the items a file names by the import file's ids, and names one the project lacks", {
    timeout: 120_000,
  }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'judge-items-'));
    const file = path.join(dir, 'items.txt');
    await writeFile(file, 'c1\n');
    const result = await feedbench(
      'judge',
      'run',
      '--project',
      projectId,
      '--judge',
      judgeId,
      '--items',
      file,
      '--redo',
    );
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/done: 1\/1 answered, 0 failed/);
    await writeFile(file, 'c1\nnot-an-item\n');
    const refused = await feedbench('judge', 'run', '--project', projectId, '--judge', judgeId, '--items', file);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('not-an-item');
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a flag out of range with its name, before touching anything', { timeout: 60_000 }, async () => {
    const result = await feedbench('judge', 'run', '--project', projectId, '--judge', judgeId, '--concurrency', '0');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('--concurrency');
  });

  it('prints the calibration and anchoring reports', { timeout: 60_000 }, async () => {
    const result = await feedbench('judge', 'report', '--project', projectId);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('judge\tquestion\tcategory\titems\testimate\thuman vs human\tjudge vs human');
    expect(result.stdout).toContain('anchoring (suggestions: off)');
    const json = await feedbench('judge', 'report', '--project', projectId, '--json');
    expect(JSON.parse(json.stdout).calibration.judges[0]).toMatchObject({ judgeId, name: 'CLI judge' });
  });

  it('adds a judge, lists it, and turns on the suggestion experiment with it', { timeout: 120_000 }, async () => {
    const added = await addJudge(
      'CLI judge two',
      '--instructions',
      'Prefer the shorter reply.',
      '--temperature',
      '0.2',
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const addedId = added.stdout.trim();
    const judges = (
      await h.app.inject({
        url: `/api/projects/${projectId}/judges`,
        headers: (await h.user('admin')).headers,
      })
    ).json().judges as { id: string; name: string; instructions: string; params: object }[];
    expect(judges.find((j) => j.id === addedId)).toMatchObject({
      name: 'CLI judge two',
      instructions: 'Prefer the shorter reply.',
      params: { temperature: 0.2 },
    });

    const listed = await feedbench('judge', 'list', '--project', projectId);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${addedId}\tCLI judge two\t${connectionId}\t0`);

    const on = await feedbench(
      'judge',
      'suggestions',
      '--project',
      projectId,
      '--mode',
      'experiment',
      '--judge',
      addedId,
      '--seed',
      '7',
    );
    expect(on.code).toBe(0);
    expect(JSON.parse(on.stdout)).toEqual({ mode: 'experiment', judgeId: addedId, seed: 7 });
    const report = await feedbench('judge', 'report', '--project', projectId);
    expect(report.stdout).toContain('anchoring (suggestions: experiment)');
    const off = await feedbench('judge', 'suggestions', '--project', projectId, '--mode', 'off');
    expect(JSON.parse(off.stdout)).toMatchObject({ mode: 'off' });
  });

  it('refuses a judge name taken, an unknown mode and a mode without a judge, naming what is wrong', {
    timeout: 120_000,
  }, async () => {
    const taken = await addJudge('CLI judge');
    expect(taken.code).not.toBe(0);
    expect(taken.stderr).toMatch(/CLI judge|name/);
    const mode = await feedbench('judge', 'suggestions', '--project', projectId, '--mode', 'sometimes');
    expect(mode.code).not.toBe(0);
    expect(mode.stderr).toContain('--mode');
    const noJudge = await feedbench('judge', 'suggestions', '--project', projectId, '--mode', 'on');
    expect(noJudge.code).not.toBe(0);
    expect(noJudge.stderr).toContain('--judge');
    const names = (
      await h.app.inject({ url: `/api/projects/${projectId}/judges`, headers: (await h.user('admin')).headers })
    ).json().judges as { name: string }[];
    expect(names.filter((j) => j.name === 'CLI judge')).toHaveLength(1);
  });

  it('scores every output with a reward model and prints the counts (feedbench score)', {
    timeout: 120_000,
  }, async () => {
    model.behave({ kind: 'reply' });
    const result = await feedbench('score', '--project', projectId, '--connection', connectionId);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/done: 2\/2 items scored, 0 failed \(judge-model via cli-/);
    expect(model.requests.filter((r) => r.path === '/pooling')).toHaveLength(4);
    const again = await feedbench('score', '--project', projectId, '--connection', connectionId);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('already has scores');
  });
});
