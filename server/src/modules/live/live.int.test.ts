import type { LiveMessage, Task } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type WebSocket from 'ws';
import { nextTask, type Person, submitTask } from '../../test/annotating.ts';
import { buildTestApp, type FakeClock, rankingLine, type TestHarness } from '../../test/test-app.ts';
import { CLOSE_NO_ACCESS, CLOSE_SIGNED_OUT, MAX_SOCKETS_PER_USER } from './live-hub.ts';

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

/** A ranking project with an annotator member and a finished export job (its options are researchers' business). */
async function projectWithExportJob() {
  const project = await h.project(researcher, { kind: 'ranking' });
  await h.importItems(researcher, project.id, [rankingLine('a'), rankingLine('b')]);
  const annotator = await h.user('annotator');
  await h.addMember(researcher, project.id, annotator);
  const job = await h.app.inject({
    method: 'POST',
    url: `/api/projects/${project.id}/export-jobs`,
    headers: researcher.headers,
    payload: { format: 'raw', includeGold: true },
  });
  expect(job.statusCode, job.body).toBe(202);
  await h.services.exports.jobs.settle(job.json().id);
  return { project, annotator };
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

  it('sends export jobs to researchers only: annotators get progress without them', async () => {
    const { project, annotator } = await projectWithExportJob();
    const asResearcher = await watch(`/api/projects/${project.id}/live`, researcher.headers);
    const asAnnotator = await watch(`/api/projects/${project.id}/live`, annotator.headers);
    expect((await asResearcher.waitFor((m) => (m.exportJobs?.length ?? 0) > 0)).exportJobs?.[0]).toBeDefined();
    // An event later, the annotator has had two messages, neither with export jobs or their options.
    const task = (await nextTask(h, annotator, project.id)) as Task;
    expect((await submitTask(h, annotator, task)).statusCode).toBe(200);
    await asAnnotator.waitFor((m) => m.progress.annotations === 1);
    expect(asAnnotator.inbox.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(asAnnotator.inbox)).not.toMatch(/exportJobs|includeGold|fileName/);
    asResearcher.socket.terminate();
    asAnnotator.socket.terminate();
  });

  it('closes the socket when its session signs out', async () => {
    const { project, annotator } = await projectWithExportJob();
    const live = await watch(`/api/projects/${project.id}/live`, annotator.headers);
    await live.waitFor(() => true);
    const logout = await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: annotator.headers });
    expect(logout.statusCode, logout.body).toBeLessThan(300);
    expect(await live.waitForClose()).toBe(CLOSE_SIGNED_OUT);
  });

  it('closes the socket when its owner is removed from the workspace', async () => {
    const { project, annotator } = await projectWithExportJob();
    const admin = await h.user('admin');
    const workspaceId = (await h.app.inject({ url: '/api/workspaces', headers: admin.headers })).json().workspaces[0]
      .id;
    const live = await watch(`/api/projects/${project.id}/live`, annotator.headers);
    await live.waitFor(() => true);
    const removal = await h.app.inject({
      method: 'DELETE',
      url: `/api/workspaces/${workspaceId}/members/${annotator.id}`,
      headers: admin.headers,
    });
    expect(removal.statusCode, removal.body).toBe(200);
    expect(await live.waitForClose()).toBe(CLOSE_NO_ACCESS);
  });

  it(`refuses more than ${MAX_SOCKETS_PER_USER} sockets per account with 429`, async () => {
    const { project, annotator } = await projectWithExportJob();
    const open = [];
    for (let i = 0; i < MAX_SOCKETS_PER_USER; i++)
      open.push(await watch(`/api/projects/${project.id}/live`, annotator.headers));
    await expect(watch(`/api/projects/${project.id}/live`, annotator.headers)).rejects.toThrow(/429/);
    // Closing one makes room again.
    open.pop()?.socket.terminate();
    await new Promise((resolve) => setTimeout(resolve, 200));
    open.push(await watch(`/api/projects/${project.id}/live`, annotator.headers));
    for (const live of open) live.socket.terminate();
  });

  it('reads the project once per event, however many sockets watch it', async () => {
    const { project, annotator } = await projectWithExportJob();
    const sockets = [];
    for (let i = 0; i < MAX_SOCKETS_PER_USER; i++) {
      sockets.push(await watch(`/api/projects/${project.id}/live`, annotator.headers));
      sockets.push(await watch(`/api/projects/${project.id}/live`, researcher.headers));
    }
    for (const live of sockets) await live.waitFor(() => true);
    const progress = vi.spyOn(h.services.projects, 'progressOf');
    const jobs = vi.spyOn(h.services.exports.jobs, 'recent');
    try {
      const task = (await nextTask(h, annotator, project.id)) as Task;
      expect((await submitTask(h, annotator, task)).statusCode).toBe(200);
      for (const live of sockets) await live.waitFor((m) => m.progress.annotations === 1);
      // One flush per event burst (claim + submit may land in one window or two), never one per socket.
      expect(progress.mock.calls.length).toBeGreaterThanOrEqual(1);
      expect(progress.mock.calls.length).toBeLessThanOrEqual(2);
      expect(jobs.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      progress.mockRestore();
      jobs.mockRestore();
      for (const live of sockets) live.socket.terminate();
    }
  });
  it('closes the socket at the first event after its session expired', async () => {
    const { project, annotator } = await projectWithExportJob();
    const live = await watch(`/api/projects/${project.id}/live`, annotator.headers);
    await live.waitFor(() => true);
    // Past the idle lifetime (SESSION_TTL_HOURS, 168 by default). Last in the file: every session here ends.
    (h.clock as FakeClock).advance(169 * 3600_000);
    h.services.events.publish(project.id);
    expect(await live.waitForClose()).toBe(CLOSE_SIGNED_OUT);
  });
});
