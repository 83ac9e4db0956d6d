import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { ModelConnection, OutputProvenance, SamplingParams } from '@feedbench/shared';
import type { Database, Tx } from '../../db/client.ts';
import {
  type ClaimedSample,
  createGenerationJobsRepository,
  type GenerationJobRow,
} from './generation-jobs.repository.ts';
import { type CompletionResult, ModelCallError, type ModelClient } from './model-client.ts';

/** Timings of the runner; tests shorten them. */
export interface GenerationTimings {
  /** How long a claim holds before another worker may take the sample over (a worker that died). */
  claimTtlMs: number;
  /** First retry delay; doubled per attempt, with jitter, up to maxBackoffMs. */
  backoffBaseMs: number;
  maxBackoffMs: number;
  /** Longest sleep while waiting for backoffs to pass or other workers to finish. */
  pollMs: number;
  /** Progress (row heartbeat, live event, cancel check) at most this often. */
  progressMs: number;
}

export interface GenerationTarget {
  projectId: string;
  /** The template's bounds on outputs per item, and whether items await theirs (then slots come with the last one). */
  minOutputs: number;
  maxOutputs: number;
  outputsFromModels: boolean;
  overlapTarget: number;
}

export interface RunnerDeps {
  db: Database;
  timings: GenerationTimings;
  client(connectionId: string): Promise<ModelClient>;
  describe(connectionId: string): Promise<ModelConnection | undefined>;
  addGeneratedOutput(
    tx: Tx,
    output: {
      itemId: string;
      outputId: string;
      model: string;
      content: string;
      provenance: OutputProvenance;
      maxOutputs: number;
    },
  ): Promise<number | null>;
  createSlots(tx: Tx, itemIds: string[], target: number): Promise<void>;
  /** Outputs per item (items module). */
  outputCounts(itemIds: string[]): Promise<Map<string, number>>;
  log(message: string, error?: unknown): void;
}

export interface RunnerControl {
  /** Aborts calls in flight (shutdown, cancel). */
  signal: AbortSignal;
  /** No new claims (set by halt and close). */
  stopped(): boolean;
  /** Claims held when stopping are given back (close) or abandoned to expire, as a crashed process's are (halt). */
  releaseOnStop(): boolean;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** The output id of sample i from a connection: stable, so a retried or resumed sample can never be added twice. */
export const generatedOutputId = (connectionId: string, sampleIndex: number) =>
  `gen-${connectionId.slice(0, 8)}-${sampleIndex + 1}`;

/**
 * Exponential backoff with jitter ("Exponential Backoff And Jitter", AWS Architecture Blog, 2015: equal jitter,
 * half fixed and half random so concurrent workers spread out), never shorter than the endpoint's Retry-After.
 */
export function retryDelay(attempt: number, timings: GenerationTimings, retryAfterMs?: number): number {
  const exponential = Math.min(timings.maxBackoffMs, timings.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + Math.random() * (exponential / 2);
  return Math.max(retryAfterMs ?? 0, jittered);
}

/**
 * Runs one generation job in this process until no sample is left to claim: `job.concurrency` workers claim samples
 * (several of one item and connection per call when `n` > 1), call the model, and store each output with its
 * provenance in the transaction that marks its sample done under the worker's claim. A 429 pauses the connection for
 * every worker of the job until its Retry-After has passed. Returns whether the job ran out of work (false: stopped).
 */
export async function runGenerationJob(
  deps: RunnerDeps,
  job: GenerationJobRow,
  target: GenerationTarget,
  control: RunnerControl,
) {
  const repository = createGenerationJobsRepository(deps.db);
  const { timings } = deps;
  // Every worker's calls and sleeps listen to the one job signal.
  setMaxListeners(0, control.signal);
  const clients = new Map<string, Promise<ModelClient>>();
  const connections = new Map<string, Promise<ModelConnection | undefined>>();
  const pausedUntil = new Map<string, number>();
  const clientOf = (id: string) => {
    let client = clients.get(id);
    if (!client) {
      client = deps.client(id);
      // A failed lookup (connection deleted, key unreadable) is tried again on the next sample.
      client.catch(() => clients.delete(id));
      clients.set(id, client);
    }
    return client;
  };
  const connectionOf = (id: string) => {
    let connection = connections.get(id);
    if (!connection) {
      connection = deps.describe(id);
      connections.set(id, connection);
    }
    return connection;
  };

  async function store(
    sample: ClaimedSample,
    result: CompletionResult,
    token: string,
    callSeed: number | null,
    choices: number,
  ) {
    const connection = await connectionOf(sample.connectionId);
    const outputId = generatedOutputId(sample.connectionId, sample.sampleIndex);
    const provenance: OutputProvenance = {
      source: 'generation',
      jobId: job.id,
      connectionId: sample.connectionId,
      connectionName: connection?.name ?? '(deleted connection)',
      model: result.model,
      params: result.params,
      seed: callSeed,
      sampleIndex: sample.sampleIndex,
      choicesInCall: choices,
      finishReason: result.finishReason,
      usage: result.usage,
      latencyMs: Math.round(result.latencyMs),
      generatedAt: new Date().toISOString(),
    };
    await deps.db.transaction(async (tx) => {
      const outputs = await deps.addGeneratedOutput(tx, {
        itemId: sample.itemId,
        outputId,
        model: result.model,
        content: result.text,
        provenance,
        maxOutputs: Math.min(target.maxOutputs, 1_000_000),
      });
      const stored = await createGenerationJobsRepository(tx).complete(sample.id, token, {
        status: outputs === null ? 'skipped' : 'done',
        outputId: outputs === null ? null : outputId,
        error:
          outputs === null
            ? `not added: the item was answered meanwhile, or holds the template's most outputs (${target.maxOutputs})`
            : null,
        now: new Date(),
      });
      // The claim was taken over (this worker stalled past claimTtlMs): roll the output back; the new owner adds it.
      if (!stored) throw new ClaimLost();
      // The output that brings the item to the template's minimum opens it (the end of the job sweeps up the rest).
      if (outputs !== null && target.outputsFromModels && outputs === target.minOutputs) {
        await deps.createSlots(tx, [sample.itemId], target.overlapTarget);
      }
    });
  }

  async function attempt(batch: ClaimedSample[], token: string) {
    const first = batch[0];
    if (!first) return;
    // Another worker's 429 may extend the pause while this one sleeps: wait until none is left.
    for (
      let paused = (pausedUntil.get(first.connectionId) ?? 0) - Date.now();
      paused > 0 && !control.signal.aborted;
      paused = (pausedUntil.get(first.connectionId) ?? 0) - Date.now()
    ) {
      await sleep(paused, control.signal);
    }
    if (control.signal.aborted) throw new ModelCallError('cancelled', 'the job stopped');
    const seed = job.params.seed === undefined ? null : job.params.seed + first.sampleIndex;
    const params: SamplingParams = { ...job.params, ...(seed !== null && { seed }) };
    const client = await clientOf(first.connectionId);
    const results = await client.complete({
      messages: first.conversation.map((m) => ({ role: m.role, content: m.content })),
      params,
      n: batch.length,
      signal: control.signal,
    });
    const answered = batch.slice(0, results.length);
    for (const [index, sample] of answered.entries()) {
      const result = results[index];
      if (!result) continue;
      try {
        await store(sample, result, token, seed, batch.length);
      } catch (error) {
        if (!(error instanceof ClaimLost)) throw error;
      }
    }
    // An endpoint that ignores `n` answers one choice: the rest go back unclaimed, without an attempt counted.
    await repository.release(
      batch.slice(results.length).map((s) => s.id),
      token,
      new Date(),
    );
  }

  async function worker() {
    while (!control.stopped() && !control.signal.aborted) {
      const now = new Date();
      const token = randomUUID();
      const batch = await repository.claim({
        jobId: job.id,
        limit: job.choicesPerCall,
        token,
        now,
        until: new Date(now.getTime() + timings.claimTtlMs),
      });
      if (batch.length === 0) {
        if ((await repository.reclaimExpired(job.id, now)) > 0) continue;
        const counts = (await repository.counts([job.id])).get(job.id);
        if (!counts || counts.pending + counts.running === 0) return true;
        const wait = counts.nextAt ? counts.nextAt.getTime() - now.getTime() : timings.pollMs;
        await sleep(Math.max(10, Math.min(timings.pollMs, wait)), control.signal);
        continue;
      }
      const ids = batch.map((s) => s.id);
      try {
        await attempt(batch, token);
      } catch (error) {
        if (control.signal.aborted || control.stopped()) {
          if (control.releaseOnStop()) await repository.release(ids, token, new Date()).catch(() => {});
          return false;
        }
        const failure = error instanceof ModelCallError ? error : undefined;
        if (!failure) deps.log(`generation job ${job.id}: sample failed`, error);
        const attempts = Math.max(...batch.map((s) => s.attempts)) + 1;
        const retry = (failure ? failure.retryable : true) && attempts < job.maxAttempts;
        const delay = retryDelay(attempts, timings, failure?.retryAfterMs);
        if (failure?.kind === 'rate_limited') {
          pausedUntil.set(batch[0]?.connectionId ?? '', Date.now() + Math.max(failure.retryAfterMs ?? 0, delay));
        }
        const message = failure
          ? `${failure.kind}${failure.status ? ` ${failure.status}` : ''}: ${failure.message}`
          : `error: ${(error as Error).message}`;
        await repository.attemptFailed(ids, token, {
          retry,
          notBefore: retry ? new Date(Date.now() + delay) : null,
          error: message.slice(0, 2000),
          now: new Date(),
        });
      }
    }
    return false;
  }

  // A worker finding nothing to claim also makes expired claims pending again; one that keeps finding work does not
  // look, so a claim left by a dead process is also taken back here, twice per claimTtlMs.
  const reclaim = setInterval(
    () => void repository.reclaimExpired(job.id, new Date()).catch(() => {}),
    Math.max(500, timings.claimTtlMs / 2),
  );
  try {
    const results = await Promise.all(Array.from({ length: job.concurrency }, () => worker()));
    const finished = results.every(Boolean);
    if (finished && target.outputsFromModels) await openReadyItems();
    return finished;
  } finally {
    clearInterval(reclaim);
  }

  /**
   * Items brought to the template's minimum get their slots as their outputs land (store); two samples of one item
   * stored at once may each count the other out, so at the end every item of the job with enough outputs is opened
   * (createSlots is idempotent).
   */
  async function openReadyItems() {
    const itemIds = await repository.itemsWithDoneSamples(job.id);
    const counts = await deps.outputCounts(itemIds);
    const ready = itemIds.filter((id) => (counts.get(id) ?? 0) >= target.minOutputs);
    for (let i = 0; i < ready.length; i += 1000) {
      const chunk = ready.slice(i, i + 1000);
      await deps.db.transaction((tx) => deps.createSlots(tx, chunk, target.overlapTarget));
    }
  }
}

class ClaimLost extends Error {}
