import type { LiveMessage } from '@feedbench/shared';
import type WebSocket from 'ws';
import type { TestHarness } from './test-app.ts';

/** Opens the socket with a listener attached before the first message can arrive. */
export async function watchLive(h: TestHarness, path: string, headers: Record<string, string>) {
  const inbox: LiveMessage[] = [];
  const waiters: (() => void)[] = [];
  let closedWith: number | undefined;
  const socket = await h.app.injectWS(
    path,
    { headers },
    {
      onInit: (ws: WebSocket) => {
        ws.on('message', (data) => {
          inbox.push(JSON.parse(String(data)) as LiveMessage);
          for (const wake of waiters.splice(0)) wake();
        });
        ws.on('close', (code) => {
          closedWith = code;
          for (const wake of waiters.splice(0)) wake();
        });
      },
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
  /** Resolves with the close code once the server closed the socket. */
  async function waitForClose(timeoutMs = 5000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (closedWith === undefined) {
      if (Date.now() > deadline) throw new Error('the socket is still open');
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return closedWith;
  }
  return { socket, waitFor, waitForClose, inbox };
}
