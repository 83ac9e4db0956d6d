import { describe, expect, it } from 'vitest';
import { createHashScheduler, INTERNAL_LANE } from './hash-scheduler.ts';

/** A task that finishes when the test says so. */
function gate() {
  let open: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, task: () => done };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('password hash scheduler', () => {
  it('never runs more hashes at once than its bound', async () => {
    const scheduler = createHashScheduler({ maxConcurrent: 2, maxQueued: 100, maxQueuedPerLane: 100 });
    let running = 0;
    let most = 0;
    const task = async () => {
      running += 1;
      most = Math.max(most, running);
      await tick();
      running -= 1;
    };
    await Promise.all(Array.from({ length: 30 }, (_, i) => scheduler.run(`lane-${i % 3}`, task)));
    expect(most).toBe(2);
    expect(scheduler.stats()).toEqual({ inFlight: 0, peak: 2, queued: 0 });
  });

  it('serves a waiting lane before the rest of a burst from another lane', async () => {
    const scheduler = createHashScheduler({ maxConcurrent: 1, maxQueued: 100, maxQueuedPerLane: 100 });
    const order: string[] = [];
    const first = gate();
    const running = scheduler.run('attacker', first.task);
    const burst = Array.from({ length: 5 }, (_, i) =>
      scheduler.run('attacker', async () => {
        order.push(`attacker-${i}`);
      }),
    );
    const legit = scheduler.run('legit', async () => {
      order.push('legit');
    });
    first.open();
    await Promise.all([running, legit, ...burst]);
    expect(order[0]).toBe('attacker-0');
    expect(order[1]).toBe('legit');
  });

  it('refuses past the per-lane and the total queue, but never internal work', async () => {
    const scheduler = createHashScheduler({ maxConcurrent: 1, maxQueued: 3, maxQueuedPerLane: 2 });
    const blocker = gate();
    const running = scheduler.run('a', blocker.task);
    const waiting = [scheduler.run('a', async () => {}), scheduler.run('a', async () => {})];
    await expect(scheduler.run('a', async () => {})).rejects.toMatchObject({ statusCode: 429 });
    waiting.push(scheduler.run('b', async () => {}));
    await expect(scheduler.run('c', async () => {})).rejects.toMatchObject({ statusCode: 503 });
    waiting.push(scheduler.run(INTERNAL_LANE, async () => {}));
    blocker.open();
    await Promise.all([running, ...waiting]);
    expect(scheduler.stats().inFlight).toBe(0);
  });
});
