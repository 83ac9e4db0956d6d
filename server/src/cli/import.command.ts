import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { IMPORT_FORMATS, type ImportFormat } from '@feedbench/shared';
import cliProgress from 'cli-progress';
import { type Command, Option } from 'commander';
import { withCliContext } from './cli-context.ts';

/** Chunks read from the file at a time: big enough for throughput, small beside the memory budget. */
const READ_CHUNK_BYTES = 1024 * 1024;
const MB = 1024 * 1024;

/**
 * `feedbench import --project ID file.jsonl[.gz]`: the file is streamed into the import service (the same path as an
 * upload), so its size costs no memory; the result (or every bad line) prints as with the HTTP route.
 */
export function registerImportCommand(program: Command) {
  program
    .command('import')
    .description('import a file of items into a project (gzip files are unpacked), all lines or none')
    .requiredOption('--project <id>')
    .addOption(
      new Option(
        '--format <format>',
        'file format; hh-rlhf, trl-preference and openai-chat keep the original judgement',
      )
        .choices(IMPORT_FORMATS)
        .default('feedbench'),
    )
    .option('--timings', 'print the wall time of each phase of the import on stderr')
    .argument('<file>', 'JSONL file, or JSONL compressed with gzip')
    .action(async (file: string, opts: { project: string; format: ImportFormat; timings?: boolean }) => {
      const { size } = await stat(file);
      const bar = progressBar(size);
      const result = await withCliContext(async ({ services, actor }) => {
        const user = await actor();
        const target = await services.projects.accessAsResearcher(user, opts.project);
        bar.start();
        try {
          return await services.items.imports.importWhole(target, user, {
            body: createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }),
            format: opts.format,
            fileName: path.basename(file),
            bytesTotal: size,
            onProgress: ({ bytesRead, linesRead }) => bar.update(bytesRead, linesRead),
            onPhase: opts.timings
              ? (phase, ms) => process.stderr.write(`phase ${(ms / 1000).toFixed(2)} s ${phase}\n`)
              : undefined,
            // A local file the operator chose: no upload cap (see IMPORT_MAX_BYTES).
            maxBytes: Number.POSITIVE_INFINITY,
          });
        } finally {
          bar.stop();
        }
      });
      console.log(JSON.stringify(result));
    });
}

/**
 * Progress on stderr when it is a terminal (stdout keeps the JSON result): bytes of the file read (the compressed
 * bytes for gzip), lines, MB/s and the time left at that rate. The lines are checked and saved once read: the bar
 * then says so.
 */
function progressBar(totalBytes: number) {
  if (!process.stderr.isTTY) return { start() {}, update(_bytes: number, _lines: number) {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'importing [{bar}] {percentage}% | {lines} lines | {rate} MB/s | ETA {eta_formatted} {phase}',
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let lastLines = 0;
  return {
    start: () => bar.start(Math.max(totalBytes, 1), 0, { lines: '0', rate: '0.0', phase: '' }),
    update: (bytes: number, lines: number) => {
      lastLines = lines;
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar.update(bytes, {
        lines: lines.toLocaleString('en'),
        rate: (bytes / MB / seconds).toFixed(1),
        phase: bytes >= totalBytes ? '| checking ids and saving…' : '',
      });
    },
    stop: () => {
      bar.stop();
      process.stderr.write(
        `${lastLines.toLocaleString('en')} lines in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
    },
  };
}
