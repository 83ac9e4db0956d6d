import { randomUUID } from 'node:crypto';
import type { Task } from '../../shared/src/index.ts';
import type { ServerInstance } from './instances.ts';
import { browserHeaders } from './setup.ts';
import { Latencies, seededRandom, sleep, type Window } from './stats.ts';

export interface SimulationOptions {
  instances: ServerInstance[];
  projectId: string;
  annotators: { id: string; cookie: string }[];
  seed: number;
  /** Mean time an annotator works on one task; each task takes uniformly 0.5x..1.5x this. */
  thinkMs: number;
  /** Stop once this many submits were acknowledged (every slot filled) or the time is up. */
  targetSubmits: number;
  deadlineMs: number;
  /** Called once when half the target is acknowledged: the fault injection; answers the windows it disturbed. */
  onMidway: () => Promise<Window[]>;
}

export interface SimulationRecord {
  ackedSubmits: { userId: string; itemId: string; annotationId: string; key: string }[];
  /** Latest acknowledged draft text per (user, item). */
  ackedDrafts: Map<string, { userId: string; itemId: string; text: string }>;
  abandoned: { userId: string; itemId: string; leaseId: string }[];
  reloadMismatches: number;
  /** Reloads answered after the lease had expired (another task is then the right answer, not a violation). */
  reloadsAfterExpiry: number;
  networkErrors: number;
  retried503: number;
  refusedLate: number;
  next: Latencies;
  submit: Latencies;
  /** When the faults disturbed service (SIGKILL until A answers again; B's connections killed until B answers). */
  faultWindows: Window[];
  heartbeats: number;
  elapsedMs: number;
}

class NetworkError extends Error {}

/**
 * Virtual annotators against the real HTTP API: fetch, heartbeat, save drafts, submit with retries and duplicate
 * sends, reload, and abandon (close the tab for good). Requests go to a random live instance; a refused connection
 * (instance killed) is retried on another, as a load balancer would.
 */
export async function simulateAnnotators(options: SimulationOptions): Promise<SimulationRecord> {
  const record: SimulationRecord = {
    ackedSubmits: [],
    ackedDrafts: new Map(),
    abandoned: [],
    reloadMismatches: 0,
    reloadsAfterExpiry: 0,
    networkErrors: 0,
    retried503: 0,
    refusedLate: 0,
    next: new Latencies(),
    submit: new Latencies(),
    faultWindows: [],
    heartbeats: 0,
    elapsedMs: 0,
  };
  const random = seededRandom(options.seed);
  const started = Date.now();
  let midwayFired = false;
  let done = false;

  async function call(cookie: string, method: string, url: string, body?: unknown) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const instance = options.instances[Math.floor(random() * options.instances.length)] as ServerInstance;
      try {
        const response = await fetch(`${instance.baseUrl}${url}`, {
          method,
          headers: { ...browserHeaders(cookie), ...(body ? { 'content-type': 'application/json' } : {}) },
          body: body ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(15_000),
        });
        const text = await response.text();
        // 503: the instance lost its database connection for a moment; retrying is safe (idempotent submits).
        if (response.status === 503) {
          record.retried503++;
          await sleep(100 + attempt * 100);
          continue;
        }
        return { status: response.status, json: text ? JSON.parse(text) : null };
      } catch {
        record.networkErrors++;
        await sleep(50 + attempt * 50);
      }
    }
    throw new NetworkError(`${method} ${url}: no instance answered`);
  }

  async function maybeFault() {
    if (!midwayFired && record.ackedSubmits.length >= options.targetSubmits / 2) {
      midwayFired = true;
      record.faultWindows.push(...(await options.onMidway()));
    }
  }

  /**
   * Works on the task for its work time, heartbeating like the page does (when half of the remaining lease is gone,
   * useLeaseHeartbeat), and saving a draft midway half of the time.
   */
  async function work(person: { id: string; cookie: string }, task: Task): Promise<number> {
    const until = Date.now() + options.thinkMs * (0.5 + random());
    let expiresAt = Date.parse(task.expiresAt);
    let draftAt = random() < 0.5 ? Date.now() + (until - Date.now()) / 2 : Number.POSITIVE_INFINITY;
    let lost = false;
    for (;;) {
      const beatAt = lost ? Number.POSITIVE_INFINITY : Date.now() + Math.max(500, (expiresAt - Date.now()) / 2);
      const wakeAt = Math.min(until, beatAt, draftAt);
      await sleep(Math.max(0, wakeAt - Date.now()));
      // A lost lease is no longer the annotator's: a reload may rightly get another task.
      if (wakeAt === until) return lost ? 0 : expiresAt;
      if (wakeAt === draftAt) {
        draftAt = Number.POSITIVE_INFINITY;
        const text = `draft ${randomUUID()}`;
        const saved = await call(person.cookie, 'PUT', `/api/leases/${task.leaseId}/draft`, {
          answers: { note: { type: 'demonstration', text } },
        });
        if (saved.status === 200) {
          record.ackedDrafts.set(`${person.id}:${task.item.id}`, { userId: person.id, itemId: task.item.id, text });
          expiresAt = Date.parse(saved.json.expiresAt);
        } else if (saved.status === 409) {
          // Saved as a draft, but the lease went to someone else (a save is a heartbeat too).
          lost = true;
        }
        continue;
      }
      record.heartbeats++;
      const beat = await call(person.cookie, 'POST', `/api/leases/${task.leaseId}/heartbeat`);
      // A lost lease (409) is final, as on the page: keep working; the submit lands if the item has room.
      if (beat.status === 200) expiresAt = Date.parse(beat.json.expiresAt);
      else lost = true;
    }
  }

  /**
   * One annotator's session. They arrive spread evenly over the first mean work time (people log in over a shift's
   * first minutes; 200 requests in the same millisecond to servers that have served nothing yet is a thundering
   * herd, not the steady state the targets are about).
   */
  async function annotator(person: { id: string; cookie: string }, index: number) {
    await sleep((options.thinkMs * index) / options.annotators.length);
    while (!done && Date.now() - started < options.deadlineMs) {
      let t0 = performance.now();
      const next = await call(person.cookie, 'POST', `/api/projects/${options.projectId}/tasks/next`);
      record.next.add(performance.now() - t0);
      // Anything but 200 here is a bench or server fault: fail loudly rather than spin on "nothing for me".
      if (next.status !== 200) throw new Error(`next-task answered ${next.status} ${JSON.stringify(next.json)}`);
      const task = next.json?.task as Task | null;
      if (!task) {
        // Nothing for me now. The page never polls: it says so and offers "Check again", which people click now and
        // then (modelled as once per work time); leases abandoned by others come back that way once they expire.
        await sleep(Math.max(500, options.thinkMs * (0.5 + random())));
        continue;
      }
      if (random() < 0.03) {
        record.abandoned.push({ userId: person.id, itemId: task.item.id, leaseId: task.leaseId });
        return; // closed the tab: this annotator never comes back
      }
      const expiresAt = await work(person, task);
      if (random() < 0.1) {
        const again = await call(person.cookie, 'POST', `/api/projects/${options.projectId}/tasks/next`);
        // Only a reload answered while the lease was still live must return it (the server may answer seconds after
        // the request left on a saturated machine, past a short bench lease).
        if (Date.now() >= expiresAt) record.reloadsAfterExpiry++;
        else if (again.json?.task?.leaseId !== task.leaseId) record.reloadMismatches++;
      }
      const ids = task.outputs.map((o) => o.id);
      const body = {
        idempotencyKey: randomUUID(),
        answers: { rank: { type: 'ranking', groups: ids.map((id) => [id]) } },
      };
      t0 = performance.now();
      // A double click: the same key sent twice at once; then retries until one answer arrives.
      const sends = random() < 0.1 ? 2 : 1;
      const results = await Promise.all(
        Array.from({ length: sends }, () => call(person.cookie, 'POST', `/api/leases/${task.leaseId}/submit`, body)),
      );
      record.submit.add(performance.now() - t0);
      const ok = results.find((r) => r.status === 200);
      if (ok) {
        record.ackedSubmits.push({
          userId: person.id,
          itemId: task.item.id,
          annotationId: ok.json.annotationId,
          key: body.idempotencyKey,
        });
        if (record.ackedSubmits.length >= options.targetSubmits) done = true;
        await maybeFault();
      } else if (results.some((r) => r.status === 409)) {
        record.refusedLate++;
      } else {
        throw new Error(`submit answered ${results.map((r) => `${r.status} ${JSON.stringify(r.json)}`).join(', ')}`);
      }
    }
  }

  await Promise.all(options.annotators.map((person, index) => annotator(person, index)));
  record.elapsedMs = Date.now() - started;
  return record;
}
