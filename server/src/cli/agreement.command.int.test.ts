import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Answers } from '@feedbench/shared';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asShown, nextTask, type Person } from '../test/annotating.ts';
import { buildTestApp, engine, rankingLine, type TestHarness } from '../test/test-app.ts';
import { type ProjectRecordLoader, registerAgreementCommand } from './agreement.command.ts';

let h: TestHarness;
let researcher: Person;
let projectId: string;

// Two annotators, two items with outputs o0..o2. Item x: ann o0 > o1 > o2, bob o1 > o0 > o2 (2 of 3 pairs agree);
// item y: both o2 > o1 > o0. Ratings differ only on x/o0 (7 vs 6). Hand computations: agreement.int.test.ts.
const agreed: Answers = {
  rank: { type: 'ranking', groups: [['o2'], ['o1'], ['o0']] },
  quality: { type: 'rating', values: { o0: 1, o1: 4, o2: 7 } },
};
const judgements: Record<string, [Answers, Answers]> = {
  x: [
    {
      rank: { type: 'ranking', groups: [['o0'], ['o1'], ['o2']] },
      quality: { type: 'rating', values: { o0: 7, o1: 5, o2: 3 } },
    },
    {
      rank: { type: 'ranking', groups: [['o1'], ['o0'], ['o2']] },
      quality: { type: 'rating', values: { o0: 6, o1: 5, o2: 3 } },
    },
  ],
  y: [agreed, agreed],
};

beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
  const project = await h.project(researcher, { kind: 'ranking' });
  projectId = project.id;
  await h.app.inject({
    method: 'PATCH',
    url: `/api/projects/${projectId}`,
    headers: researcher.headers,
    payload: { overlapTarget: 2 },
  });
  await h.importItems(researcher, projectId, [rankingLine('x', 3), rankingLine('y', 3)]);
  const people = [await h.user('annotator'), await h.user('annotator')];
  for (const [index, person] of people.entries()) {
    await h.addMember(researcher, projectId, person);
    for (let i = 0; i < 2; i++) {
      const task = await nextTask(h, person, projectId);
      if (!task) throw new Error('no task');
      const response = await h.app.inject({
        method: 'POST',
        url: `/api/leases/${task.leaseId}/submit`,
        headers: person.headers,
        // Written in the import file's output ids, sent in the blind ids the annotator was shown.
        payload: {
          idempotencyKey: randomUUID(),
          answers: await asShown(h, task, judgements[task.item.externalId]?.[index] as Answers),
        },
      });
      expect(response.statusCode).toBe(200);
    }
  }
});
afterAll(() => h.close());

/** `feedbench agreement ...args` with the project loader reading this test's database through the service. */
async function runAgreement(args: string[]) {
  const printed: string[] = [];
  let stderr = '';
  const program = new Command('feedbench').exitOverride().configureOutput({
    writeOut: () => {},
    writeErr: (text) => {
      stderr += text;
    },
  });
  const asResearcher = { ...researcher, createdAt: new Date(researcher.createdAt) };
  const loadProject: ProjectRecordLoader = async (id, select) => {
    const { question, records } = await h.services.agreement.records(asResearcher, id, select);
    return { questionId: question.id, records };
  };
  registerAgreementCommand(program, { print: (line) => printed.push(line), loadProject });
  try {
    await program.parseAsync(['agreement', ...args], { from: 'user' });
    return { exitCode: 0, stderr, output: JSON.parse(printed.join('\n')) };
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return { exitCode: error.exitCode, stderr, output: undefined };
  }
}

describe('feedbench agreement --project', () => {
  it('computes pairwise ranking agreement on the project’s ranking question', async () => {
    const { output } = await runAgreement(['--project', projectId, '--metric', 'pairwise-agreement']);
    expect(output).toMatchObject({
      project: projectId,
      question: 'rank',
      metric: 'pairwise-agreement',
      units: 2,
      annotators: 2,
      value: expect.closeTo(5 / 6, 12),
      alpha: expect.closeTo(24 / 35, 12),
    });
  });

  it('computes alpha on the rating question, one unit per (item, output), with a bootstrap interval', async () => {
    const { output } = await runAgreement([
      '--project',
      projectId,
      '--metric',
      'krippendorff-alpha',
      '--level',
      'interval',
      '--question',
      'quality',
      '--bootstrap',
      '200',
    ]);
    expect(output).toMatchObject({
      question: 'quality',
      units: 6,
      annotators: 2,
      value: expect.closeTo(600 / 611, 12),
    });
    expect(output.ci).toHaveLength(2);
  });

  it('names the questions when the one asked for does not exist, with exit code 2', async () => {
    const { exitCode, stderr } = await runAgreement([
      '--project',
      projectId,
      '--metric',
      'fleiss-kappa',
      '--question',
      'nope',
    ]);
    expect(exitCode).toBe(2);
    expect(stderr).toBe('error: No question "nope" in this project\'s template (questions: rank, quality)\n');
  });

  it.runIf(engine === 'postgres')(
    'runs as a separate process on the server’s database, as the oldest admin',
    { timeout: 60_000 },
    async () => {
      await h.services.auth.createUser({
        email: `admin-${randomUUID().slice(0, 8)}@cli.test`,
        password: 'long enough secret',
        role: 'admin',
      });
      const root = path.resolve(import.meta.dirname, '../../..');
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          '--import',
          'tsx',
          'server/src/cli/main.ts',
          'agreement',
          '--project',
          projectId,
          '--metric',
          'pairwise-agreement',
        ],
        { cwd: root, env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: inject('databaseUrl') as string } },
      );
      expect(JSON.parse(stdout)).toMatchObject({ question: 'rank', value: expect.closeTo(5 / 6, 12) });
    },
  );
});
