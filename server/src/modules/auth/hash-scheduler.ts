import { authErrors } from './auth.errors.ts';

export interface HashingLimits {
  /** Password hashes (scrypt, ~128 MiB and ~0.4 s each) computed at once; more wait in line. */
  maxConcurrent: number;
  /** Waiting hashes in all, beyond which sign-ins are refused with 503 (the server is saturated). */
  maxQueued: number;
  /** Waiting hashes per client address, beyond which that address is refused with 429. */
  maxQueuedPerLane: number;
}

/** config.ts's defaults: two hashes at once on a small machine (each takes a core and 128 MiB for ~0.4 s). */
export const DEFAULT_HASHING_LIMITS: HashingLimits = { maxConcurrent: 2, maxQueued: 32, maxQueuedPerLane: 4 };

/** Work that does not come from a client address (account creation, the CLI, the demo seed): never refused. */
export const INTERNAL_LANE = '';

/**
 * Bounds the password hashes in flight and shares the slots fairly: waiters queue per lane (client address) and a
 * freed slot goes to the next lane in round-robin order, so one address firing a burst of sign-ins waits behind its
 * own requests while a sign-in from another address gets the next free slot (no starvation).
 */
export function createHashScheduler(limits: HashingLimits) {
  let inFlight = 0;
  let peak = 0;
  let queued = 0;
  // Insertion order is the round-robin order: a lane served moves to the back.
  const lanes = new Map<string, Array<() => void>>();

  function release() {
    const next = lanes.entries().next();
    if (next.done) {
      inFlight -= 1;
      return;
    }
    const [lane, waiters] = next.value;
    const wake = waiters.shift();
    lanes.delete(lane);
    if (waiters.length > 0) lanes.set(lane, waiters);
    queued -= 1;
    // The slot passes straight to the woken waiter: inFlight stays the same.
    wake?.();
  }

  return {
    async run<T>(lane: string, task: () => Promise<T>): Promise<T> {
      if (inFlight < limits.maxConcurrent) {
        inFlight += 1;
      } else {
        const waiters = lanes.get(lane) ?? [];
        if (lane !== INTERNAL_LANE) {
          if (waiters.length >= limits.maxQueuedPerLane) throw authErrors.tooManyAtOnce();
          if (queued >= limits.maxQueued) throw authErrors.busy();
        }
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          lanes.set(lane, waiters);
          queued += 1;
        });
      }
      peak = Math.max(peak, inFlight);
      try {
        return await task();
      } finally {
        release();
      }
    },
    /** Hashes running now, the most ever at once, and waiting: what tests and operators check the bound with. */
    stats: () => ({ inFlight, peak, queued }),
  };
}
export type HashScheduler = ReturnType<typeof createHashScheduler>;
