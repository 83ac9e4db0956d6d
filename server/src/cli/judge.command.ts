import { readFile } from 'node:fs/promises';
import {
  type AgreementEstimate,
  type AnchoringReport,
  type CalibrationReport,
  type JudgeJob,
  type ScoreJob,
  SUGGESTION_MODES,
  type SuggestionMode,
} from '@feedbench/shared';
import type { Command } from 'commander';
import { CliError, withCliContext } from './cli-context.ts';

/** How often a running job's progress line is redrawn. */
const POLL_MS = 500;

const integerFlag = (name: string, min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`--${name}: a whole number from ${min} to ${max}`);
  return n;
};

const numberFlag = (name: string, min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new CliError(`--${name}: a number from ${min} to ${max}`);
  }
  return n;
};

const statistic = (e: Pick<AgreementEstimate, 'value' | 'ci'> | undefined) => {
  if (!e || e.value === null) return 'n/a';
  const value = e.value.toFixed(3);
  return e.ci ? `${value} [${e.ci[0]?.toFixed(3) ?? 'n/a'}, ${e.ci[1]?.toFixed(3) ?? 'n/a'}]` : value;
};

/** The calibration and anchoring reports as plain text (tab-separated rows, one header line each). */
export function formatJudgeReport(calibration: CalibrationReport, anchoring: AnchoringReport): string[] {
  const lines = ['judge\tquestion\tcategory\titems\testimate\thuman vs human\tjudge vs human'];
  for (const judge of calibration.judges) {
    for (const q of judge.questions) {
      for (const e of q.judgeVsHumans) {
        const humans = q.humans.find((h) => h.estimate === e.estimate);
        lines.push(
          [judge.name, q.questionId, q.category ?? 'all', q.items, e.estimate, statistic(humans), statistic(e)].join(
            '\t',
          ),
        );
      }
    }
  }
  lines.push('', `anchoring (suggestions: ${anchoring.mode})`, 'question\tshown\thidden\tdifference');
  for (const q of anchoring.questions) {
    const arm = (a: AnchoringReport['questions'][number]['shown']) =>
      `${statistic({ value: a.agreement, ci: a.ci })} (n=${a.annotations})`;
    lines.push([q.questionId, arm(q.shown), arm(q.hidden), statistic({ value: q.difference, ci: q.ci })].join('\t'));
  }
  return lines;
}

/**
 * The items a job names from `--items FILE`, one per line: the ids of the import file, or Feedbench's item ids with
 * `--by-item-id` (nothing without a file: every item).
 */
async function jobItemsFrom(
  file: string | undefined,
  byItemId: boolean | undefined,
): Promise<{ itemIds?: string[]; externalIds?: string[] }> {
  if (!file) return {};
  const names = (await readFile(file, 'utf8'))
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (names.length === 0) throw new CliError(`--items: ${file} names no item`);
  return byItemId ? { itemIds: names } : { externalIds: names };
}

/**
 * `feedbench score`: scores every output of a project's items with a reward model (a connection serving vLLM's pooling
 * API) in this process, as the web's button does (resumable by the server if this process ends); the scores feed the
 * score-margin and judge-disagreement item orders. Progress on stderr, the job's counts and failures on stdout.
 */
export function registerScoreCommand(program: Command, print: (line: string) => void = (l) => console.log(l)) {
  program
    .command('score')
    .description("score a project's outputs with a reward model (vLLM POST /pooling)")
    .requiredOption('--project <id>', 'project id')
    .requiredOption('--connection <id>', 'model connection serving the reward model')
    .option('--items <file>', "a file of the items' ids in the import file, one per line (default: every item)")
    .option('--by-item-id', "the --items file holds Feedbench's item ids instead")
    .option('--concurrency <n>', 'calls in flight at once (default 4)', integerFlag('concurrency', 1, 32))
    .option(
      '--max-attempts <n>',
      'calls per item before it is reported failed (default 3)',
      integerFlag('max-attempts', 1, 10),
    )
    .option('--redo', 'score again items this connection already scored')
    .action(
      async (options: {
        project: string;
        connection: string;
        items?: string;
        byItemId?: boolean;
        concurrency?: number;
        maxAttempts?: number;
        redo?: boolean;
      }) => {
        const items = await jobItemsFrom(options.items, options.byItemId);
        await withCliContext(async ({ services, actor }) => {
          const user = await actor();
          const scores = services.rewardScores;
          const started = await scores.create(user, options.project, {
            connectionId: options.connection,
            ...items,
            ...(options.concurrency ? { concurrency: options.concurrency } : {}),
            ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
            redo: options.redo === true,
          });
          const show = (job: ScoreJob) => `${job.status}: ${job.done}/${job.total} items scored, ${job.failed} failed`;
          const timer = setInterval(() => {
            void scores
              .get(user, options.project, started.id)
              .then((job) => process.stderr.isTTY && process.stderr.write(`\r${show(job)}`))
              .catch(() => {});
          }, POLL_MS);
          await scores.settle(started.id);
          clearInterval(timer);
          const job = await scores.get(user, options.project, started.id);
          if (process.stderr.isTTY) process.stderr.write('\n');
          print(`job ${job.id} ${show(job)} (${job.model} via ${job.connectionName})`);
          for (const failure of await scores.failures(user, options.project, job.id)) {
            print(`  ${failure.itemExternalId}: ${failure.error}`);
          }
          if (job.failed > 0) process.exitCode = 1;
        });
      },
    );
}

/**
 * `feedbench judge run`: judges a project's items with one or more judges in this process (the same job the web
 * starts: resumable by the server if this process ends), printing progress; `feedbench judge report`: calibration
 * against the annotators and the anchoring experiment's report. Both act as the oldest admin, like other commands.
 */
export function registerJudgeCommand(program: Command, print: (line: string) => void = (l) => console.log(l)) {
  const judge = program
    .command('judge')
    .description('model judges: add one, run a judging job, suggest its answers, report calibration');

  judge
    .command('add')
    .description("turn a model connection into a judge of a project (it answers the project's own template)")
    .requiredOption('--project <id>', 'project id')
    .requiredOption('--connection <id>', "model connection of the project's workspace (or instance-wide)")
    .requiredOption('--name <name>', "the judge's name, unique in the project")
    .option('--instructions <text>', "added to the project's guidelines in the judge's prompt")
    .option('--instructions-file <file>', 'the same, read from a file')
    .option('--temperature <t>', 'sampling temperature (0 to 2)', numberFlag('temperature', 0, 2))
    .option('--seed <n>', 'sampling seed', integerFlag('seed', 0, 2_147_483_647))
    .action(
      async (options: {
        project: string;
        connection: string;
        name: string;
        instructions?: string;
        instructionsFile?: string;
        temperature?: number;
        seed?: number;
      }) => {
        if (options.instructions !== undefined && options.instructionsFile !== undefined) {
          throw new CliError('--instructions and --instructions-file: give one of them');
        }
        const instructions = options.instructionsFile
          ? await readFile(options.instructionsFile, 'utf8')
          : options.instructions;
        await withCliContext(async ({ services, actor }) => {
          const created = await services.judges.create(await actor(), options.project, {
            name: options.name,
            connectionId: options.connection,
            ...(instructions !== undefined ? { instructions } : {}),
            params: {
              ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
              ...(options.seed !== undefined ? { seed: options.seed } : {}),
            },
          });
          print(created.id);
        });
      },
    );

  judge
    .command('list')
    .description("a project's judges: id, name, connection and items answered (tab-separated)")
    .requiredOption('--project <id>', 'project id')
    .action(async (options: { project: string }) => {
      await withCliContext(async ({ services, actor }) => {
        print('id\tname\tconnection\tanswered');
        for (const j of await services.judges.list(await actor(), options.project)) {
          print([j.id, j.name, j.connectionId, j.answered].join('\t'));
        }
      });
    });

  judge
    .command('suggestions')
    .description(
      "show a judge's answers to annotators as pre-filled suggestions: off, on, or experiment (a seeded random half " +
        'of the assignments, to measure anchoring)',
    )
    .requiredOption('--project <id>', 'project id')
    .requiredOption('--mode <mode>', SUGGESTION_MODES.join(' | '))
    .option('--judge <id>', 'the judge whose answers are suggested (needed unless --mode off)')
    .option('--seed <n>', "the experiment's assignment seed", integerFlag('seed', 0, 2_147_483_647))
    .action(async (options: { project: string; mode: string; judge?: string; seed?: number }) => {
      if (!(SUGGESTION_MODES as readonly string[]).includes(options.mode)) {
        throw new CliError(`--mode: one of ${SUGGESTION_MODES.join(', ')}`);
      }
      if (options.mode !== 'off' && !options.judge) throw new CliError('--judge: needed unless --mode off');
      await withCliContext(async ({ services, actor }) => {
        const saved = await services.judges.updateSuggestionSettings(await actor(), options.project, {
          mode: options.mode as SuggestionMode,
          ...(options.judge ? { judgeId: options.judge } : {}),
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
        });
        print(JSON.stringify(saved));
      });
    });

  judge
    .command('run')
    .description("answer a project's template with a judge over all items (or those listed in --items)")
    .requiredOption('--project <id>', 'project id')
    .requiredOption('--judge <ids...>', 'judge id(s)')
    .option('--items <file>', "a file of the items' ids in the import file, one per line (default: every item)")
    .option('--by-item-id', "the --items file holds Feedbench's item ids instead")
    .option('--concurrency <n>', 'calls in flight at once (default 4)', integerFlag('concurrency', 1, 32))
    .option(
      '--max-attempts <n>',
      'calls per item before it is reported failed (default 3)',
      integerFlag('max-attempts', 1, 10),
    )
    .option('--redo', 'judge again items the judge already answered')
    .action(
      async (options: {
        project: string;
        judge: string[];
        items?: string;
        byItemId?: boolean;
        concurrency?: number;
        maxAttempts?: number;
        redo?: boolean;
      }) => {
        const items = await jobItemsFrom(options.items, options.byItemId);
        await withCliContext(async ({ services, actor }) => {
          const user = await actor();
          const started = await services.judges.jobs.create(user, options.project, {
            judgeIds: options.judge,
            ...items,
            ...(options.concurrency ? { concurrency: options.concurrency } : {}),
            ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
            redo: options.redo === true,
          });
          const show = (job: JudgeJob) => `${job.status}: ${job.done}/${job.total} answered, ${job.failed} failed`;
          const timer = setInterval(() => {
            void services.judges.jobs
              .get(user, options.project, started.id)
              .then((job) => process.stderr.isTTY && process.stderr.write(`\r${show(job)}`))
              .catch(() => {});
          }, POLL_MS);
          await services.judges.jobs.settle(started.id);
          clearInterval(timer);
          const job = await services.judges.jobs.get(user, options.project, started.id);
          if (process.stderr.isTTY) process.stderr.write('\n');
          print(`job ${job.id} ${show(job)}`);
          for (const failure of await services.judges.jobs.failures(user, options.project, job.id)) {
            print(`  ${failure.itemExternalId}: ${failure.error}`);
          }
          if (job.failed > 0) process.exitCode = 1;
        });
      },
    );

  judge
    .command('report')
    .description('judge-vs-human agreement (with human-vs-human beside it) and the anchoring experiment')
    .requiredOption('--project <id>', 'project id')
    .option('--category <key>', 'also per value of this item metadata field')
    .option('--json', 'print the two reports as one JSON object')
    .action(async (options: { project: string; category?: string; json?: boolean }) => {
      await withCliContext(async ({ services, actor }) => {
        const user = await actor();
        const calibration = await services.judges.calibration(user, options.project, { category: options.category });
        const anchoring = await services.judges.anchoring(user, options.project);
        if (options.json) print(JSON.stringify({ calibration, anchoring }));
        else for (const line of formatJudgeReport(calibration, anchoring)) print(line);
      });
    });
}
