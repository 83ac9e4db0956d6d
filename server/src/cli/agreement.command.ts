import { readFile } from 'node:fs/promises';
import {
  AGREEMENT_METRICS,
  AgreementInputError,
  type AgreementMetric,
  type AgreementRecord,
  agreementErrors,
  agreementRecordSchema,
  computeAgreement,
  KAPPA_WEIGHTS,
  type KappaWeights,
  MEASUREMENT_LEVELS,
  type MeasurementLevel,
  RANKING_TIE_POLICIES,
  type RankingTiePolicy,
} from '@feedbench/shared';
import { type Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { AppError } from '../lib/app-error.ts';
import { withCliContext } from './cli-context.ts';

/** Exit code for input the command cannot use (bad file, wrong number of annotators, option for another metric). */
export const AGREEMENT_INPUT_EXIT_CODE = 2;

/** A file that is not a valid agreement JSONL file; every problem names its line. */
export class AgreementFileError extends Error {
  constructor(
    message: string,
    readonly problems: { line: number; field: string; message: string }[],
  ) {
    super(message);
    this.name = 'AgreementFileError';
  }
}

/** Where the records come from: a JSONL file... */
export type AgreementRecordLoader = (file: string) => Promise<AgreementRecord[]>;

/** ...or one question of a project, read through the agreement service (`--project ID [--question QID]`). */
export type ProjectRecordLoader = (
  projectId: string,
  select: { questionId?: string; type: 'ranking' | 'rating' },
) => Promise<{ questionId: string; records: AgreementRecord[] }>;

export interface AgreementCommandDependencies {
  loadFile?: AgreementRecordLoader;
  /** Default: the database the server uses (same environment), acting as the oldest admin. */
  loadProject?: ProjectRecordLoader;
  /** Where the one-line JSON result goes; standard output by default. */
  print?: (line: string) => void;
}

export interface AgreementCommandOptions {
  metric: AgreementMetric;
  level?: MeasurementLevel;
  weights?: KappaWeights;
  ties?: RankingTiePolicy;
  bootstrap?: number;
  seed: number;
  project?: string;
  question?: string;
}

/**
 * `feedbench agreement FILE.jsonl --metric NAME [...]` or `feedbench agreement --project ID --metric NAME
 * [--question QID]`: prints one JSON object with the metric's value.
 */
export function registerAgreementCommand(program: Command, dependencies: AgreementCommandDependencies = {}): Command {
  const loadFile = dependencies.loadFile ?? readAgreementFile;
  const loadProject = dependencies.loadProject ?? readProjectRecords;
  const print = dependencies.print ?? ((line: string) => console.log(line));
  const command = program
    .command('agreement')
    .description(
      'inter-annotator agreement of a long-format JSONL file ({"unit", "annotator", "value"} per line) or of a project',
    )
    .argument('[file]', 'JSONL file; value is a number, a string, or a ranking (ids best first, nested arrays tie)')
    .option(
      '--project <id>',
      "a project's own annotations instead of a file (ranking: unit = item; rating: item:output)",
    )
    .option(
      '--question <id>',
      'with --project: the question (default: the only ranking one for pairwise-agreement, else the only rating one)',
    )
    .addOption(new Option('--metric <name>', 'agreement metric').choices(AGREEMENT_METRICS).makeOptionMandatory())
    .addOption(
      new Option('--level <level>', "Krippendorff's alpha level (default nominal)").choices(MEASUREMENT_LEVELS),
    )
    .addOption(new Option('--weights <weights>', "weighted Cohen's kappa").choices(KAPPA_WEIGHTS))
    .addOption(new Option('--ties <policy>', 'ranking tie policy (default judgement)').choices(RANKING_TIE_POLICIES))
    .option('--bootstrap <n>', 'add a 95% percentile bootstrap interval from N resamples of units', positiveInteger)
    .option('--seed <s>', 'bootstrap seed, for a reproducible interval', integer, 1)
    .action(async (file: string | undefined, options: AgreementCommandOptions) => {
      try {
        if ((file === undefined) === (options.project === undefined)) {
          throw agreementErrors.invalidOption('give either an agreement FILE or --project ID, not both');
        }
        if (options.question !== undefined && options.project === undefined) {
          throw agreementErrors.invalidOption('--question applies to --project only');
        }
        if (options.project !== undefined) {
          const type = options.metric === 'pairwise-agreement' ? 'ranking' : 'rating';
          const { questionId, records } = await loadProject(options.project, { questionId: options.question, type });
          print(
            JSON.stringify({ project: options.project, question: questionId, ...agreementReport(records, options) }),
          );
          return;
        }
        print(JSON.stringify(agreementReport(await loadFile(file as string), options)));
      } catch (error) {
        const message = inputErrorMessage(error);
        if (message === undefined) throw error;
        failWithInputError(command, message);
      }
    });
  return command;
}

/** The command's JSON object: `metric`, `value`, `units`, `annotators`, the metric's details, and `ci` if bootstrapped. */
export function agreementReport(records: readonly AgreementRecord[], options: AgreementCommandOptions): object {
  const result = computeAgreement(records, {
    metric: options.metric,
    level: options.level,
    weights: options.weights,
    ties: options.ties,
    bootstrap: options.bootstrap === undefined ? undefined : { replicates: options.bootstrap, seed: options.seed },
  });
  // JSON has no NaN: an undefined metric prints as null, explicitly rather than by JSON.stringify's silent rule.
  return JSON.parse(JSON.stringify(result, (_key, value) => (Number.isNaN(value) ? null : value)));
}

/** A project's records for one question, from the database the server uses, as the oldest admin. */
export async function readProjectRecords(
  projectId: string,
  select: { questionId?: string; type: 'ranking' | 'rating' },
): ReturnType<ProjectRecordLoader> {
  return withCliContext(async ({ services, actor }) => {
    const { question, records } = await services.agreement.records(await actor(), projectId, select);
    return { questionId: question.id, records };
  });
}

/** Reads and validates an agreement file from disk. */
export async function readAgreementFile(file: string): Promise<AgreementRecord[]> {
  return parseAgreementLines(await readFile(file, 'utf8'), file);
}

/** Parses JSONL text (blank lines allowed) into records; throws `AgreementFileError` naming every bad line. */
export function parseAgreementLines(text: string, source = 'input'): AgreementRecord[] {
  const records: AgreementRecord[] = [];
  const problems: AgreementFileError['problems'] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      problems.push({ line, field: '', message: 'not valid JSON' });
      return;
    }
    const result = agreementRecordSchema.safeParse(parsed);
    if (result.success) {
      records.push(result.data);
      return;
    }
    for (const issue of result.error.issues) {
      const field = issue.path.join('.');
      problems.push({
        line,
        field,
        message: field ? issue.message : 'expected an object {"unit", "annotator", "value"}',
      });
    }
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).map((p) => `  line ${p.line}: ${p.field ? `${p.field}: ` : ''}${p.message}`);
    const more = problems.length > shown.length ? [`  ... and ${problems.length - shown.length} more`] : [];
    const lines = new Set(problems.map((p) => p.line)).size;
    throw new AgreementFileError(
      [`${source} has ${lines} invalid line${lines === 1 ? '' : 's'}:`, ...shown, ...more].join('\n'),
      problems,
    );
  }
  if (records.length === 0) throw new AgreementFileError(`${source} has no records`, []);
  return records;
}

/**
 * Prints `error: message` on the command's stderr and ends with exit code 2 through a CommanderError, which main.ts
 * turns into the exit code. Not `command.error()`: with the program's showHelpAfterError it would print the whole
 * usage text, which helps with a mistyped flag but only buries "line 7: ..." for a bad file.
 */
function failWithInputError(command: Command, message: string): never {
  const output = command.configureOutput();
  const writeErr = output.writeErr ?? ((text: string) => process.stderr.write(text));
  const text = `error: ${message}\n`;
  if (output.outputError) output.outputError(text, writeErr);
  else writeErr(text);
  throw new CommanderError(AGREEMENT_INPUT_EXIT_CODE, 'agreement.invalid_input', message);
}

/** The one-line message for input the user can fix, or undefined for a bug (which keeps its stack trace). */
function inputErrorMessage(error: unknown): string | undefined {
  if (error instanceof AgreementInputError || error instanceof AgreementFileError) return error.message;
  // A project the actor cannot see, a question it does not have: the user's to fix, like a bad file.
  if (error instanceof AppError && error.statusCode < 500) return error.message;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') return (error as Error).message;
  return undefined;
}

function integer(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number)) throw new InvalidArgumentError('expected an integer');
  return number;
}

function positiveInteger(value: string): number {
  const number = integer(value);
  if (number < 1) throw new InvalidArgumentError('expected a positive integer');
  return number;
}
