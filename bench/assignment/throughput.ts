import { randomUUID } from 'node:crypto';
import { openDatabase } from '../../server/src/db/client.ts';
import { systemClock } from '../../server/src/lib/clock.ts';
import { createServices } from '../../server/src/services.ts';
import type { Task } from '../../shared/src/index.ts';
import type { ServerInstance } from './instances.ts';
import { browserHeaders } from './setup.ts';
import { Latencies } from './stats.ts';

interface Driver {
  next(person: { id: string; cookie: string }): Promise<Task | null>;
  submit(person: { id: string; cookie: string }, task: Task): Promise<void>;
  close(): Promise<void>;
}

const answersFor = (task: Task) => ({
  rank: { type: 'ranking' as const, groups: task.outputs.map((o) => [o.id]) },
});

export function httpDriver(instances: ServerInstance[], projectId: string): Driver {
  let turn = 0;
  const base = () => (instances[turn++ % instances.length] as ServerInstance).baseUrl;
  return {
    async next(person) {
      const response = await fetch(`${base()}/api/projects/${projectId}/tasks/next`, {
        method: 'POST',
        headers: browserHeaders(person.cookie),
      });
      return ((await response.json()) as { task: Task | null }).task;
    },
    async submit(person, task) {
      const response = await fetch(`${base()}/api/leases/${task.leaseId}/submit`, {
        method: 'POST',
        headers: { ...browserHeaders(person.cookie), 'content-type': 'application/json' },
        body: JSON.stringify({ idempotencyKey: randomUUID(), answers: answersFor(task) }),
      });
      if (response.status !== 200) throw new Error(`submit ${response.status}: ${await response.text()}`);
    },
    close: async () => {},
  };
}

/** The floor: the same service calls (same claim and submit transactions) on a pg pool, no HTTP, no JSON. */
export async function directDriver(url: string, projectId: string, poolSize: number): Promise<Driver> {
  const database = openDatabase({ kind: 'postgres', url, poolSize, applicationName: 'feedbench-bench-direct' });
  const services = createServices(database, { clock: systemClock, sessionTtlHours: 24 });
  const asUser = (person: { id: string }) => ({
    id: person.id,
    email: '',
    role: 'annotator' as const,
    createdAt: new Date(),
  });
  return {
    next: (person) => services.annotations.nextTask(asUser(person), projectId),
    async submit(person, task) {
      await services.annotations.submit(asUser(person), task.leaseId, {
        idempotencyKey: randomUUID(),
        answers: answersFor(task),
      });
    },
    close: () => database.close(),
  };
}

/** Every annotator loops claim+submit with no think time until the project is full: pure engine throughput. */
export async function measureThroughput(driver: Driver, annotators: { id: string; cookie: string }[]) {
  const next = new Latencies();
  const submit = new Latencies();
  let submits = 0;
  const started = performance.now();
  await Promise.all(
    annotators.map(async (person) => {
      for (;;) {
        let t0 = performance.now();
        const task = await driver.next(person);
        next.add(performance.now() - t0);
        if (!task) return;
        t0 = performance.now();
        await driver.submit(person, task);
        submit.add(performance.now() - t0);
        submits++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await driver.close();
  return { submits, seconds, perSecond: submits / seconds, next, submit };
}
