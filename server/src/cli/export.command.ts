import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CONSENSUS_METHODS,
  EXPORT_AGGREGATIONS,
  EXPORT_FILE_FORMATS,
  EXPORT_FORMATS,
  EXPORT_SPLITS,
  type ExportJob,
  type ExportOptions,
  type ExportQuery,
  exportJobSchema,
  exportQuery,
  PAIR_STRATEGIES,
} from '@feedbench/shared';
import cliProgress from 'cli-progress';
import { type Command, Option } from 'commander';
import { CliError, withCliContext } from './cli-context.ts';

/** How often an export over HTTP asks for its job's progress. */
const POLL_MS = 500;

type Flags = Record<string, string | boolean | undefined> & {
  project: string;
  out?: string;
  server?: string;
  token?: string;
};

/** The flags as the API query (same names in camel case), refused with the flag's name when invalid. */
function parseFlags(opts: Flags): ExportQuery {
  const fileFormat =
    (opts.fileFormat as string | undefined) ??
    (opts.gzip === true || opts.out?.endsWith('.gz')
      ? 'jsonl.gz'
      : opts.out?.endsWith('.parquet')
        ? 'parquet'
        : 'jsonl');
  const parsed = exportQuery.safeParse({
    format: opts.format,
    pairs: opts.pairs,
    aggregation: opts.aggregation,
    consensus: opts.consensus,
    minAgreement: opts.minAgreement,
    minAnnotations: opts.minAnnotations,
    from: opts.from,
    to: opts.to,
    skipFlagged: opts.skipFlagged,
    flags: opts.flags,
    reviewedOnly: opts.reviewedOnly === true,
    preferCorrected: opts.preferCorrected,
    preferAdjudicated: opts.preferAdjudicated,
    includeGold: opts.includeGold === true,
    includeJudges: opts.includeJudges === true,
    metadata: opts.metadata,
    minItemAgreement: opts.minItemAgreement,
    minGoldAccuracy: opts.minGoldAccuracy,
    split: opts.split,
    testFraction: opts.testFraction,
    seed: opts.seed,
    fileFormat,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(
      `--${String(issue?.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

/** A progress bar on stderr when it is a terminal; otherwise nothing until the closing line. */
function progressBar() {
  if (!process.stderr.isTTY) return { start() {}, update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'exporting [{bar}] {percentage}% | {value}/{total} items | {rows} lines',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (total: number) => bar.start(Math.max(total, 1), 0, { rows: 0 }),
    update: (items: number, rows: number) => bar.update(items, { rows: rows.toLocaleString('en') }),
    stop: () => bar.stop(),
  };
}

/** Runs the export in this process, on the database the server uses (same environment). */
async function exportLocally(projectId: string, query: ExportQuery, destination: Writable, end: boolean) {
  const { fileFormat, ...options } = query;
  const bar = progressBar();
  let rows = 0;
  await withCliContext(async ({ services, actor }) => {
    const user = await actor();
    const target = await services.projects.accessAsResearcher(user, projectId);
    bar.start(await services.exports.countItems(target, options));
    const body = await services.exports.download(user, target, options, fileFormat, {
      onProgress: (p) => {
        rows = p.rows;
        bar.update(p.itemsDone, p.rows);
      },
    });
    await pipeline(body, destination, { end });
  });
  bar.stop();
  return rows;
}

/** Asks a running server to export in the background, follows the job's progress, then downloads its file. */
async function exportOverHttp(
  server: string,
  token: string,
  projectId: string,
  query: ExportQuery,
  destination: Writable,
  end: boolean,
) {
  const base = new URL(`/api/projects/${encodeURIComponent(projectId)}/export-jobs`, server).toString();
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const call = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, { ...init, headers });
    if (!response.ok) {
      const problem = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      throw new CliError(`${response.status} from ${url}: ${problem?.error?.message ?? response.statusText}`);
    }
    return response;
  };
  const body: ExportOptions & { fileFormat: string } = query;
  let job: ExportJob = exportJobSchema.parse(
    await (await call(base, { method: 'POST', body: JSON.stringify(body) })).json(),
  );
  const bar = progressBar();
  bar.start(job.itemsTotal);
  while (job.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    job = exportJobSchema.parse(await (await call(`${base}/${job.id}`)).json());
    bar.update(job.itemsDone, job.rowsDone);
  }
  bar.stop();
  if (job.status === 'failed') throw new CliError(`export job ${job.id} failed: ${job.error}`);
  const file = await call(`${base}/${job.id}/file`);
  if (!file.body) throw new CliError('the server sent no file');
  await pipeline(Readable.fromWeb(file.body as import('node:stream/web').ReadableStream), destination, { end });
  return job.rowsDone;
}

export function registerExportCommand(program: Command) {
  program
    .command('export')
    .description('export a project in a trainer-ready format (same options as the API query)')
    .requiredOption('--project <id>')
    .addOption(new Option('--format <format>').choices(EXPORT_FORMATS).makeOptionMandatory())
    .addOption(
      new Option(
        '--file-format <kind>',
        'jsonl (default), jsonl.gz or parquet; implied by --out *.gz / *.parquet',
      ).choices(EXPORT_FILE_FORMATS),
    )
    .addOption(new Option('--pairs <strategy>', 'pairs from a ranking (default all)').choices(PAIR_STRATEGIES))
    .addOption(new Option('--aggregation <mode>', 'default per-annotator').choices(EXPORT_AGGREGATIONS))
    .addOption(new Option('--consensus <method>', 'consensus method (default majority)').choices(CONSENSUS_METHODS))
    .option('--min-agreement <share>', 'consensus: keep pairs at least this share agrees with (default 0.5)')
    .option('--min-annotations <n>', 'only items with at least N annotations (default 1)')
    .option('--min-item-agreement <share>', 'only items whose annotators agree at least this much (0..1)')
    .option('--min-gold-accuracy <share>', 'leave out annotators below this accuracy on gold items (0..1)')
    .option('--from <date>', 'annotations submitted at or after (ISO date or date-time)')
    .option('--to <date>', 'annotations submitted before (ISO date or date-time)')
    .option('--reviewed-only', 'only annotations a reviewer accepted or corrected')
    .option('--no-prefer-corrected', "use the annotators' answers even where a reviewer corrected them")
    .option('--no-prefer-adjudicated', "use the annotators' judgements even where an item was adjudicated")
    .option('--include-gold', 'keep gold (control) items')
    .option('--include-judges', "raw only: add model judges' answers as lines of their own (annotator.kind: judge)")
    .option('--metadata <pairs>', 'only items whose metadata matches key=value[,key=value]')
    .option('--no-skip-flagged', 'allow flagged outputs as the chosen side')
    .option('--flags <ids>', 'comma-separated flag ids that rule an output out (default: all but positive ones)')
    .addOption(new Option('--split <side>', 'one side of a train/test split grouped by prompt').choices(EXPORT_SPLITS))
    .option('--test-fraction <share>', 'test share of the split (default 0.1)')
    .option('--seed <n>', 'split seed (default 0)')
    .option('--gzip', 'same as --file-format jsonl.gz')
    .option('--out <file>', 'write here instead of standard output')
    .option('--server <url>', 'export through this running server as a background job (needs --token)')
    .addOption(
      new Option('--token <token>', 'API token with write access for --server (fbt_...)').env('FEEDBENCH_TOKEN'),
    )
    .action(async (opts: Flags) => {
      const query = parseFlags(opts);
      if (opts.server && !opts.token) throw new CliError('--server needs --token (or FEEDBENCH_TOKEN)');
      const destination = opts.out ? createWriteStream(opts.out) : process.stdout;
      const end = opts.out !== undefined;
      const rows =
        opts.server && opts.token
          ? await exportOverHttp(opts.server, opts.token, opts.project, query, destination, end)
          : await exportLocally(opts.project, query, destination, end);
      if (opts.out) process.stderr.write(`exported ${rows.toLocaleString('en')} lines to ${opts.out}\n`);
    });
}
