import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgreementRecord } from '@feedbench/shared';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../lib/app-error.ts';
import { type ProjectRecordLoader, readAgreementFile, registerAgreementCommand } from './agreement.command.ts';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'feedbench-agreement-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function fileWith(name: string, lines: string[]): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, `${lines.join('\n')}\n`, 'utf8');
  return path;
}

const jsonl = (records: AgreementRecord[]) => records.map((r) => JSON.stringify(r));

/** Runs `feedbench agreement ...args` on a program set up as main.ts sets it up, capturing stdout and stderr. */
async function runAgreement(
  args: string[],
  loadFile?: (file: string) => Promise<AgreementRecord[]>,
  loadProject?: ProjectRecordLoader,
) {
  const printed: string[] = [];
  let stderr = '';
  const program = new Command('feedbench')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: () => {},
      writeErr: (text) => {
        stderr += text;
      },
    });
  registerAgreementCommand(program, { print: (line) => printed.push(line), loadFile, loadProject });
  try {
    await program.parseAsync(['agreement', ...args], { from: 'user' });
    return { exitCode: 0, stderr, output: printed.length ? JSON.parse(printed.join('\n')) : undefined };
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return { exitCode: error.exitCode, stderr, output: undefined };
  }
}

// Krippendorff (2011), 4 observers x 12 units with missing values: ordinal alpha 0.815.
const krippendorff2011: Record<string, (number | null)[]> = {
  A: [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  C: [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
};
const reliabilityRecords: AgreementRecord[] = Object.entries(krippendorff2011).flatMap(([annotator, values]) =>
  values.flatMap((value, i) => (value === null ? [] : [{ unit: `u${i + 1}`, annotator, value }])),
);

describe('readAgreementFile', () => {
  it('reads numbers, strings and rankings with ties, skipping blank lines', async () => {
    const file = await fileWith('mixed.jsonl', [
      '{"unit": "i1", "annotator": "ann", "value": 3}',
      '',
      '{"unit": "i1", "annotator": "bob", "value": "good"}',
      '{"unit": "i2", "annotator": "ann", "value": ["o1", ["o2", "o3"], "o4"]}',
    ]);
    expect(await readAgreementFile(file)).toEqual([
      { unit: 'i1', annotator: 'ann', value: 3 },
      { unit: 'i1', annotator: 'bob', value: 'good' },
      { unit: 'i2', annotator: 'ann', value: ['o1', ['o2', 'o3'], 'o4'] },
    ]);
  });

  it('names the line and the field of every bad line', async () => {
    const file = await fileWith('bad.jsonl', [
      '{"unit": "i1", "annotator": "ann", "value": 3}',
      '{"unit": "i1", "annotator": "bob", "value": true}',
      'not json',
      '{"annotator": "bob", "value": ["A", "A"]}',
    ]);
    const error = await readAgreementFile(file).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      [
        `${file} has 3 invalid lines:`,
        '  line 2: value: expected number, string or ranking',
        '  line 3: not valid JSON',
        '  line 4: unit: expected a string',
        '  line 4: value: an output is ranked twice',
      ].join('\n'),
    );
  });
});

describe('feedbench agreement', () => {
  it('prints metric, value, units and annotators as one JSON object', async () => {
    const file = await fileWith('reliability.jsonl', jsonl(reliabilityRecords));
    const { exitCode, output } = await runAgreement([file, '--metric', 'krippendorff-alpha', '--level', 'ordinal']);
    expect(exitCode).toBe(0);
    expect(output).toMatchObject({ metric: 'krippendorff-alpha', level: 'ordinal', units: 11, annotators: 4 });
    expect(output.value).toBeCloseTo(0.815, 3);
  });

  it('adds a reproducible 95% interval with --bootstrap and --seed', async () => {
    const file = await fileWith('reliability-ci.jsonl', jsonl(reliabilityRecords));
    const args = [file, '--metric', 'krippendorff-alpha', '--level', 'interval', '--bootstrap', '300', '--seed', '9'];
    const first = await runAgreement(args);
    const second = await runAgreement(args);
    expect(first.output.ci).toHaveLength(2);
    expect(first.output.ci[0]).toBeLessThan(first.output.value);
    expect(first.output.ci[1]).toBeGreaterThan(first.output.value);
    expect(second.output.ci).toEqual(first.output.ci);
    expect(first.output.bootstrap).toMatchObject({ replicates: 300, seed: 9, confidence: 0.95 });
  });

  it('computes weighted Cohen’s kappa and ranking agreement from files', async () => {
    const kappaFile = await fileWith('two.jsonl', [
      ...[0, 1, 2, 2].map((value, i) => JSON.stringify({ unit: `u${i}`, annotator: 'a', value })),
      ...[0, 2, 2, 2].map((value, i) => JSON.stringify({ unit: `u${i}`, annotator: 'b', value })),
    ]);
    const kappa = await runAgreement([kappaFile, '--metric', 'cohen-kappa', '--weights', 'quadratic']);
    expect(kappa.output).toMatchObject({ metric: 'cohen-kappa', weights: 'quadratic', units: 4, annotators: 2 });

    const rankingFile = await fileWith('rankings.jsonl', [
      '{"unit": "i1", "annotator": "a", "value": ["A", "B", "C"]}',
      '{"unit": "i1", "annotator": "b", "value": ["B", "A", "C"]}',
    ]);
    const ranking = await runAgreement([rankingFile, '--metric', 'pairwise-agreement', '--ties', 'skip']);
    expect(ranking.output).toMatchObject({ metric: 'pairwise-agreement', ties: 'skip', units: 1, annotators: 2 });
    expect(ranking.output.value).toBeCloseTo(2 / 3, 12);
  });

  it('prints null for an undefined value rather than a number', async () => {
    const file = await fileWith('constant.jsonl', [
      '{"unit": "u1", "annotator": "a", "value": 1}',
      '{"unit": "u1", "annotator": "b", "value": 1}',
    ]);
    expect((await runAgreement([file, '--metric', 'fleiss-kappa'])).output.value).toBeNull();
  });

  it.each(['cohen-kappa', 'kendall-tau'])(
    'refuses %s on three annotators with exit code 2 and no stack trace',
    async (metric) => {
      const file = await fileWith(`three-${metric}.jsonl`, jsonl(reliabilityRecords));
      const { exitCode, stderr, output } = await runAgreement([file, '--metric', metric]);
      expect(exitCode).toBe(2);
      expect(output).toBeUndefined();
      expect(stderr).toMatch(/^error: .* compares exactly two annotators, but the records have 4\n$/);
      expect(stderr).not.toMatch(/\n\s+at /);
    },
  );

  it('reports a bad file by line with exit code 2', async () => {
    const file = await fileWith('broken.jsonl', [
      ...Array.from({ length: 6 }, (_, i) => JSON.stringify({ unit: `i${i + 1}`, annotator: 'ann', value: 3 })),
      '{"unit": "i7", "annotator": "ann", "value": {"score": 3}}',
    ]);
    const { exitCode, stderr } = await runAgreement([file, '--metric', 'fleiss-kappa']);
    expect(exitCode).toBe(2);
    expect(stderr).toBe(`error: ${file} has 1 invalid line:\n  line 7: value: expected number, string or ranking\n`);
  });

  it('reports a missing file and an option meant for another metric with exit code 2', async () => {
    const missing = await runAgreement([join(directory, 'nope.jsonl'), '--metric', 'fleiss-kappa']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^error: ENOENT/);

    const file = await fileWith('level.jsonl', jsonl(reliabilityRecords));
    const misplaced = await runAgreement([file, '--metric', 'fleiss-kappa', '--level', 'interval']);
    expect(misplaced.exitCode).toBe(2);
    expect(misplaced.stderr).toBe('error: level applies to krippendorff-alpha only, not fleiss-kappa\n');
  });

  it('rejects an unknown metric through commander', async () => {
    const { exitCode, stderr } = await runAgreement(['x.jsonl', '--metric', 'accuracy']);
    expect(exitCode).toBe(1);
    expect(stderr).toContain("argument 'accuracy' is invalid");
  });

  it('takes its records from the loader it is given (the seam for --project)', async () => {
    const { output } = await runAgreement(['project-records', '--metric', 'kendall-w'], async (source) => {
      expect(source).toBe('project-records');
      return [
        { unit: 'o1', annotator: 'a', value: 1 },
        { unit: 'o2', annotator: 'a', value: 2 },
        { unit: 'o1', annotator: 'b', value: 1 },
        { unit: 'o2', annotator: 'b', value: 2 },
      ];
    });
    expect(output).toMatchObject({ metric: 'kendall-w', value: 1, units: 2, annotators: 2 });
  });

  it('reads a project through the project loader, asking for the question type the metric needs', async () => {
    const asked: Parameters<ProjectRecordLoader>[] = [];
    const loadProject: ProjectRecordLoader = async (projectId, select) => {
      asked.push([projectId, select]);
      return {
        questionId: select.questionId ?? 'rank',
        records: [
          { unit: 'i1', annotator: 'a', value: ['A', 'B'] },
          { unit: 'i1', annotator: 'b', value: ['A', 'B'] },
        ],
      };
    };
    const ranking = await runAgreement(['--project', 'p1', '--metric', 'pairwise-agreement'], undefined, loadProject);
    expect(ranking.output).toMatchObject({ project: 'p1', question: 'rank', metric: 'pairwise-agreement', value: 1 });
    await runAgreement(
      ['--project', 'p1', '--metric', 'krippendorff-alpha', '--question', 'q2'],
      undefined,
      loadProject,
    );
    expect(asked).toEqual([
      ['p1', { questionId: undefined, type: 'ranking' }],
      ['p1', { questionId: 'q2', type: 'rating' }],
    ]);
  });

  it('wants exactly one of FILE and --project, and --question only with --project', async () => {
    const file = await fileWith('either.jsonl', jsonl(reliabilityRecords));
    const both = await runAgreement([file, '--project', 'p1', '--metric', 'fleiss-kappa']);
    expect(both).toMatchObject({
      exitCode: 2,
      stderr: 'error: give either an agreement FILE or --project ID, not both\n',
    });
    expect((await runAgreement(['--metric', 'fleiss-kappa'])).exitCode).toBe(2);
    const question = await runAgreement([file, '--question', 'rank', '--metric', 'fleiss-kappa']);
    expect(question).toMatchObject({ exitCode: 2, stderr: 'error: --question applies to --project only\n' });
  });

  it('reports a project or question the service refuses in one line with exit code 2', async () => {
    const refuse: ProjectRecordLoader = async () => {
      throw new AppError('project.not_found', 404, 'No such project');
    };
    const result = await runAgreement(['--project', 'nope', '--metric', 'fleiss-kappa'], undefined, refuse);
    expect(result).toMatchObject({ exitCode: 2, stderr: 'error: No such project\n' });
  });
});
