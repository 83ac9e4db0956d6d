import type { Task } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { nextTask, type Person, submitTask } from '../../test/annotating.ts';
import { watchLive } from '../../test/live-socket.ts';
import { buildTestApp, type FakeClock, rankingLine, type TestHarness } from '../../test/test-app.ts';
import { CLOSE_NO_ACCESS, CLOSE_SIGNED_OUT, MAX_SOCKETS_PER_USER } from './live-hub.ts';

let h: TestHarness;
let researcher: Person;
beforeAll(async () => {
  h = await buildTestApp();
  researcher = await h.user('researcher');
});
afterAll(() => h.close());

const watch = (path: string, headers: Record<string, string>) => watchLive(h, path, headers);

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
