import { readFileSync } from 'node:fs';
import type { SamplingParams } from '@feedbench/shared';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { CliError, withCliContext } from './cli-context.ts';

/** Numeric flags of sampling parameters, shared by `models add` (defaults) and `generate` (the job's). */
function samplingOptions(command: Command) {
  return command
    .option('--temperature <t>', 'sampling temperature (0-2)', Number)
    .option('--top-p <p>', 'nucleus sampling (0-1]', Number)
    .option('--max-tokens <n>', 'most tokens per reply', (v) => Number.parseInt(v, 10))
    .option('--seed <n>', 'seed (sample i of an item gets seed + i)', (v) => Number.parseInt(v, 10));
}

function samplingParams(opts: {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  seed?: number;
}): SamplingParams {
  return {
    ...(opts.temperature !== undefined && { temperature: opts.temperature }),
    ...(opts.topP !== undefined && { topP: opts.topP }),
    ...(opts.maxTokens !== undefined && { maxTokens: opts.maxTokens }),
    ...(opts.seed !== undefined && { seed: opts.seed }),
  };
}

/**
 * The key never goes on the command line (other users see it in `ps`, shells keep it in history): it is read from an
 * environment variable named by --api-key-env, or from standard input with --api-key-stdin.
 */
function readApiKey(opts: { apiKeyEnv?: string; apiKeyStdin?: boolean }): string | undefined {
  if (opts.apiKeyEnv) {
    const value = process.env[opts.apiKeyEnv];
    if (!value) throw new CliError(`--api-key-env: the environment variable ${opts.apiKeyEnv} is empty or unset`);
    return value;
  }
  if (opts.apiKeyStdin) {
    const value = readFileSync(0, 'utf8').trim();
    if (!value) throw new CliError('--api-key-stdin: nothing was read from standard input');
    return value;
  }
  return undefined;
}

/** `feedbench models add|list|test|remove`: model connections, as the oldest instance admin. */
export function registerModelsCommand(program: Command) {
  const models = program
    .command('models')
    .description('OpenAI-compatible model connections (vLLM, Ollama, hosted APIs)');
  samplingOptions(
    models
      .command('add')
      .description('register a connection and print it as JSON (the API key is never printed)')
      .requiredOption('--name <name>')
      .requiredOption('--base-url <url>', 'e.g. http://localhost:8000/v1 (vLLM) or http://localhost:11434/v1 (Ollama)')
      .requiredOption('--model <id>', "the endpoint's model id")
      .option('--workspace <slug-or-id>', 'workspace of the connection (default: instance-wide)')
      .option('--api-key-env <VAR>', 'read the API key from this environment variable')
      .option('--api-key-stdin', 'read the API key from standard input'),
  ).action(
    async (opts: {
      name: string;
      baseUrl: string;
      model: string;
      workspace?: string;
      apiKeyEnv?: string;
      apiKeyStdin?: boolean;
      temperature?: number;
      topP?: number;
      maxTokens?: number;
      seed?: number;
    }) => {
      const apiKey = readApiKey(opts);
      const created = await withCliContext(async ({ services, actor }) => {
        const admin = await actor();
        const workspaceId = opts.workspace
          ? (await services.workspaces.resolveHandle(admin, opts.workspace)).id
          : undefined;
        return services.models.create(admin, {
          ...(workspaceId && { workspaceId }),
          name: opts.name,
          baseUrl: opts.baseUrl,
          model: opts.model,
          ...(apiKey && { apiKey }),
          defaultParams: samplingParams(opts),
        });
      });
      console.log(JSON.stringify(created));
    },
  );

  models
    .command('list')
    .description('list connections as JSON (without keys)')
    .option('--workspace <slug-or-id>')
    .action(async (opts: { workspace?: string }) => {
      const listed = await withCliContext(async ({ services, actor }) => {
        const admin = await actor();
        const workspaceId = opts.workspace
          ? (await services.workspaces.resolveHandle(admin, opts.workspace)).id
          : undefined;
        return services.models.list(admin, workspaceId);
      });
      console.log(JSON.stringify(listed));
    });

  models
    .command('test')
    .description("call the connection once and print the model's answer, or the exact error (exit code 1)")
    .argument('<connection-id>')
    .option('--prompt <text>', 'what to ask', 'Say hello in one short sentence.')
    .action(async (connectionId: string, opts: { prompt: string }) => {
      const result = await withCliContext(async ({ services, actor }) =>
        services.models.test(await actor(), connectionId, { prompt: opts.prompt }),
      );
      console.log(JSON.stringify(result));
      if (!result.ok) process.exitCode = 1;
    });

  models
    .command('remove')
    .description('delete a connection (outputs it generated keep their provenance)')
    .argument('<connection-id>')
    .action(async (connectionId: string) => {
      const removed = await withCliContext(async ({ services, actor }) =>
        services.models.remove(await actor(), connectionId),
      );
      console.log(JSON.stringify(removed));
    });
}

/**
 * `feedbench generate --project ID --connection ID --samples N`: starts a generation job and runs it in this process
 * with a progress bar on stderr, then prints the job (and its failures) as JSON. Interrupted (Ctrl-C), the job keeps
 * its state: the server resumes it at its next start, or run `generate` with the same flags (done samples are kept).
 */
export function registerGenerateCommand(program: Command) {
  samplingOptions(
    program
      .command('generate')
      .description('sample outputs for the prompts of a project from model connections')
      .requiredOption('--project <id>')
      .requiredOption('--connection <id...>', 'one or more connection ids')
      .requiredOption('--samples <n>', 'samples per item from each connection', (v) => Number.parseInt(v, 10))
      .option('--n <n>', 'choices asked per call', (v) => Number.parseInt(v, 10), 1)
      .option('--concurrency <n>', 'calls in flight at once', (v) => Number.parseInt(v, 10), 4)
      .option('--max-attempts <n>', 'tries per sample', (v) => Number.parseInt(v, 10), 5),
  ).action(
    async (opts: {
      project: string;
      connection: string[];
      samples: number;
      n: number;
      concurrency: number;
      maxAttempts: number;
      temperature?: number;
      topP?: number;
      maxTokens?: number;
      seed?: number;
    }) => {
      const report = await withCliContext(async ({ services, actor }) => {
        const admin = await actor();
        const project = await services.projects.accessAsResearcher(admin, opts.project);
        const job = await services.generation.create(admin, project, {
          connectionIds: opts.connection,
          samplesPerItem: opts.samples,
          n: opts.n,
          concurrency: opts.concurrency,
          maxAttempts: opts.maxAttempts,
          params: samplingParams(opts),
        });
        const bar = progressBar(job.samplesTotal);
        const interrupted = () => {
          bar.stop();
          console.error('\ninterrupted: the job keeps its samples and resumes at the next server start');
          void services.generation.close();
        };
        process.once('SIGINT', interrupted);
        const watch = setInterval(() => {
          void services.generation
            .get(project.id, job.id)
            .then(({ job: now }) => bar.update(now.samplesDone + now.samplesFailed + now.samplesSkipped, now))
            .catch(() => {});
        }, 500);
        try {
          await services.generation.settle(job.id);
        } finally {
          clearInterval(watch);
          process.removeListener('SIGINT', interrupted);
        }
        const final = await services.generation.get(project.id, job.id);
        bar.update(final.job.samplesDone + final.job.samplesFailed + final.job.samplesSkipped, final.job);
        bar.stop();
        return final;
      });
      console.log(JSON.stringify(report));
      if (report.job.status !== 'done' || report.job.samplesFailed > 0) process.exitCode = 1;
    },
  );
}

/** On stderr when it is a terminal (stdout keeps the JSON report): samples finished of the job's total. */
function progressBar(total: number) {
  if (!process.stderr.isTTY) return { update(_done: number, _job: unknown) {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'generating [{bar}] {percentage}% | {value}/{total} samples | {failed} failed | ETA {eta_formatted}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(total, 1), 0, { failed: 0 });
  return {
    update: (done: number, job: { samplesFailed: number }) => bar.update(done, { failed: job.samplesFailed }),
    stop: () => bar.stop(),
  };
}
