import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { judgeResponseFormat, mapOutputIds, readJudgeReply } from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { ProjectEvents } from '../live/project-events.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import { judgeLabel, judgeMessages } from './judge-prompt.ts';
import { createJudgesRepository, type JudgeJobRow, type JudgeRow, type JudgeTaskRow } from './judges.repository.ts';
import { asModelCallFailure, type JudgeModels } from './model-client.types.ts';

/** Timing of retries and heartbeats; tests shorten them. */
export interface JudgeJobTiming {
  /** First backoff after a failed call (doubles per attempt, capped at 30 s); a 429's Retry-After replaces it. */
  backoffMs: number;
  /** Longest wait a Retry-After may ask for (longer ones are cut to this). */
  maxRetryAfterMs: number;
  /** 429s one task may wait out before it is reported failed (they do not count as attempts). */
  maxRateLimitWaits: number;
  /** Progress is written and published at most this often. */
  progressEveryMs: number;
  heartbeatMs: number;
}
export const DEFAULT_TIMING: JudgeJobTiming = {
  backoffMs: 1000,
  maxRetryAfterMs: 120_000,
  maxRateLimitWaits: 20,
  progressEveryMs: 500,
  heartbeatMs: 15_000,
};

interface Deps {
  db: Database;
  clock: Clock;
  models: JudgeModels;
  projects: Pick<ProjectsService, 'findRow'>;
  events: Pick<ProjectEvents, 'publish'>;
  timing: JudgeJobTiming;
  log: (message: string, error?: unknown) => void;
}

/** A failed attempt's reason; `retryAfterMs` when the endpoint asked to wait (429). */
export type AttemptFailure = { error: string; retryAfterMs?: number };

/**
 * The retry rule every job of this module shares: an attempt is retried after a failure (exponential backoff, capped at
 * 30 s) until `maxAttempts` are spent, then reported failed for good; a 429 waits out its Retry-After without spending
 * an attempt (up to maxRateLimitWaits), and every worker of the job pauses with it (Retry-After is about the endpoint,
 * not the task). Aborting the signal stops between calls.
 */
export function createRetrier(timing: JudgeJobTiming, signal: AbortSignal) {
  let pauseUntil = 0;
  return {
    async run(task: {
      attemptsSoFar: number;
      maxAttempts: number;
      attempt: () => Promise<AttemptFailure | null>;
      failed: (error: string, last: boolean) => Promise<void>;
    }) {
      let attempts = task.attemptsSoFar;
      let rateLimitWaits = 0;
      while (!signal.aborted) {
        const wait = pauseUntil - Date.now();
        if (wait > 0) await sleep(wait, undefined, { signal });
        const failure = await task.attempt();
        if (failure === null || signal.aborted) return;
        if (failure.retryAfterMs !== undefined && rateLimitWaits < timing.maxRateLimitWaits) {
          rateLimitWaits++;
          pauseUntil = Math.max(pauseUntil, Date.now() + Math.min(failure.retryAfterMs, timing.maxRetryAfterMs));
          continue;
        }
        attempts++;
        const last = attempts >= task.maxAttempts;
        await task.failed(failure.error, last);
        if (last) return;
        await sleep(Math.min(timing.backoffMs * 2 ** (attempts - 1), 30_000), undefined, { signal });
      }
    },
  };
}

/** Fisher-Yates with a cryptographic source: each call shows the outputs in a fresh random order. */
function shuffled<T>(values: readonly T[]): T[] {
  const copy = [...values];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/**
 * Runs a job's pending tasks on `concurrency` workers until they are done or the signal aborts, beating (`beat`: the
 * job row's heartbeat and a live event) after a task at most every `progressEveryMs`, and at least every
 * `heartbeatMs` while a slow call runs: a job whose heartbeat goes stale is taken over by another instance.
 */
export async function runTasks<T>({
  tasks,
  concurrency,
  signal,
  timing,
  beat,
  runTask,
}: {
  tasks: readonly T[];
  concurrency: number;
  signal: AbortSignal;
  timing: Pick<JudgeJobTiming, 'progressEveryMs' | 'heartbeatMs'>;
  beat: () => Promise<void>;
  runTask: (task: T) => Promise<void>;
}): Promise<void> {
  let lastBeat = 0;
  const progress = async (force = false) => {
    if (!force && Date.now() - lastBeat < timing.progressEveryMs) return;
    lastBeat = Date.now();
    await beat();
  };
  const heartbeat = setInterval(() => void progress(true).catch(() => {}), timing.heartbeatMs);
  try {
    let next = 0;
    const worker = async () => {
      while (!signal.aborted && next < tasks.length) {
        await runTask(tasks[next++] as T);
        await progress();
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(tasks.length, 1)) }, worker));
  } finally {
    clearInterval(heartbeat);
  }
}

/**
 * Runs one judging job in this process: `concurrency` workers take the job's pending item x judge tasks. A task is
 * one call, retried on a failed call or an invalid answer (backoff) up to the job's maxAttempts, then reported
 * failed with its reason; a 429 waits out its Retry-After (every worker pauses with it) without spending an attempt.
 * A valid answer is stored with its task marked done in one transaction, so a job resumed after a restart asks
 * nothing twice. Aborting the signal stops the workers between calls (and cuts a call in flight).
 */
export async function runJudgeJob(deps: Deps, job: JudgeJobRow, signal: AbortSignal): Promise<void> {
  const { db, clock, models, events, timing, log } = deps;
  const repository = createJudgesRepository(db);
  const project = await deps.projects.findRow(job.projectId);
  if (!project) return;
  const tasks = await repository.pendingTasks(job.id);
  const judges = new Map<string, JudgeRow | null>();
  const usable = new Map<string, boolean>();
  const retrier = createRetrier(timing, signal);

  async function judgeOf(judgeId: string): Promise<JudgeRow | null> {
    if (!judges.has(judgeId)) judges.set(judgeId, (await repository.findJudge(job.projectId, judgeId)) ?? null);
    return judges.get(judgeId) ?? null;
  }

  /** One call: the stored answer, or why it gave none (and whether waiting out a 429 is what is needed). */
  async function attempt(task: JudgeTaskRow, judge: JudgeRow): Promise<AttemptFailure | null> {
    const item = await repository.item(task.itemId);
    if (!item) return { error: 'the item was deleted' };
    const questions = project?.settings.questions ?? [];
    const order = shuffled(item.outputs);
    const labels = order.map((_, position) => judgeLabel(position));
    const messages = judgeMessages({
      guidelines: project?.guidelines ?? '',
      instructions: judge.instructions,
      conversation: item.conversation,
      outputs: order.map((o, position) => ({ label: labels[position] as string, content: o.content })),
      questions,
    });
    let completion: Awaited<ReturnType<JudgeModels['complete']>>[number] | undefined;
    try {
      [completion] = await models.complete(judge.connectionId, {
        messages,
        params: judge.params,
        responseFormat: judgeResponseFormat(questions, labels),
        signal,
      });
    } catch (error) {
      const failure = asModelCallFailure(error);
      if (failure.kind === 'rate_limited') {
        return { error: `rate limited: ${failure.message}`, retryAfterMs: failure.retryAfterMs ?? timing.backoffMs };
      }
      return { error: `${failure.kind}: ${failure.message}` };
    }
    if (!completion) return { error: 'invalid_response: the endpoint returned no choice' };
    const reply = readJudgeReply(completion.text, questions, labels);
    if (!reply.ok) {
      const problems = reply.problems.map((p) => (p.path.length > 0 ? `${p.path.join('.')}: ${p.message}` : p.message));
      return { error: `invalid answer: ${problems.join('; ')}` };
    }
    // Labels back to the item's real output ids: A is the first output shown, and so on.
    const realId = new Map(labels.map((label, position) => [label, (order[position] as { id: string }).id]));
    await repository.answered(task, {
      judgeId: judge.id,
      itemId: item.id,
      projectId: job.projectId,
      answers: mapOutputIds(reply.answers, (label) => realId.get(label)),
      displayOrder: order.map((o) => o.id),
      model: completion.model,
      latencyMs: Math.round(completion.latencyMs),
      promptTokens: completion.usage?.promptTokens ?? null,
      completionTokens: completion.usage?.completionTokens ?? null,
      templateVersion: project?.templateVersion ?? 1,
      answeredAt: clock.now(),
    });
    return null;
  }

  async function runTask(task: JudgeTaskRow) {
    const judge = await judgeOf(task.judgeId);
    if (!judge) return;
    if (!usable.has(judge.connectionId)) {
      const connections = await models.connectionsUsableIn(job.projectId);
      usable.set(
        judge.connectionId,
        connections.some((c) => c.id === judge.connectionId),
      );
    }
    if (!usable.get(judge.connectionId)) {
      await repository.attemptFailed(task, 'the model connection is not usable by this project', true);
      return;
    }
    await retrier.run({
      attemptsSoFar: task.attempts,
      maxAttempts: job.maxAttempts,
      attempt: () => attempt(task, judge),
      failed: (error, last) => repository.attemptFailed(task, error, last),
    });
  }

  try {
    await runTasks({
      tasks,
      concurrency: job.concurrency,
      signal,
      timing,
      beat: async () => {
        await repository.touch(job.id, clock.now());
        events.publish(job.projectId);
      },
      runTask,
    });
    await repository.refreshCounts(job.id, clock.now());
    if (!signal.aborted) await repository.finishJob(job.id, 'done', null, clock.now());
  } catch (error) {
    if (signal.aborted) return;
    log(`judge job ${job.id} failed`, error);
    await repository.refreshCounts(job.id, clock.now()).catch(() => {});
    await repository.finishJob(job.id, 'failed', (error as Error).message, clock.now()).catch(() => {});
  } finally {
    events.publish(job.projectId);
  }
}
