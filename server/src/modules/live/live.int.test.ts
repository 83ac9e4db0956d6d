import type { LiveMessage, Task } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { nextTask, type Person, submitTask } from '../../test/annotating.ts';
import { buildTestApp, rankingLine, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
let researcher: Person;
beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
});
afterAll(() => h.close());

/** Opens the socket with a listener attached before the first message can arrive. */
async function watch(path: string, headers: Record<string, string>) {
  const inbox: LiveMessage[] = [];
  const waiters: (() => void)[] = [];
  const socket = await h.app.injectWS(
    path,
    { headers },
    {
      onInit: (ws: WebSocket) =>
        ws.on('message', (data) => {
          inbox.push(JSON.parse(String(data)) as LiveMessage);
          for (const wake of waiters.splice(0)) wake();
        }),
    },
  );
  /** Resolves with the first message (received so far or later) that satisfies `match`. */
  async function waitFor(match: (m: LiveMessage) => boolean, timeoutMs = 5000): Promise<LiveMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = inbox.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching live message in ${JSON.stringify(inbox)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }
  return { socket, waitFor };
}

describe('live progress', () => {
  it('pushes progress to a watching researcher as annotations arrive', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    await h.importItems(researcher, project.id, [rankingLine('a'), rankingLine('b')]);
    const annotator = await h.user('annotator');
    await h.addMember(researcher, project.id, annotator);

    const { socket, waitFor } = await watch(`/api/projects/${project.id}/live`, researcher.headers);
    const first = await waitFor(() => true);
    expect(first.progress).toMatchObject({ items: 2, annotations: 0 });

    const task = (await nextTask(h, annotator, project.id)) as Task;
    expect((await submitTask(h, annotator, task)).statusCode).toBe(200);
    expect((await waitFor((m) => m.progress.annotations === 1)).progress).toMatchObject({
      items: 2,
      annotations: 1,
      completedItems: 1,
    });
    socket.terminate();
  });

  it('refuses the socket to someone outside the project', async () => {
    const project = await h.project(researcher, { kind: 'ranking' });
    const outsider = await h.user('annotator');
    await expect(watch(`/api/projects/${project.id}/live`, outsider.headers)).rejects.toThrow();
  });
});
