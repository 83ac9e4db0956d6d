import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestHarness } from '../../test/test-app.ts';

let h: TestHarness;
beforeAll(async () => {
  h = await buildTestApp();
});
afterAll(() => h.close());

describe('projects', () => {
  it('creates a project with the default template of its kind', async () => {
    const researcher = await h.user('researcher');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: researcher.headers,
      payload: { name: 'Ranking', kind: 'ranking', guidelines: '# Be kind' },
    });
    expect(response.statusCode).toBe(201);
    const project = response.json();
    expect(project.settings.overlapTarget).toBe(1);
    expect(project.settings.questions.map((q: { type: string }) => q.type)).toEqual(['ranking', 'rating']);
    expect(project.myRole).toBe('researcher');
    expect(project.progress).toEqual({ items: 0, annotations: 0, completedItems: 0, activeLeases: 0, skips: 0 });
  });

  it('does not let annotators create projects', async () => {
    const annotator = await h.user('annotator');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: annotator.headers,
      payload: { name: 'X', kind: 'demonstration' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('shows annotators only the projects they are members of', async () => {
    const researcher = await h.user('researcher');
    const annotator = await h.user('annotator');
    const mine = await h.project(researcher, { name: 'Mine' });
    const other = await h.project(researcher, { name: 'Other' });
    await h.addMember(researcher, mine.id, annotator);
    const list = await h.app.inject({ method: 'GET', url: '/api/projects', headers: annotator.headers });
    expect(list.json().projects.map((p: { id: string }) => p.id)).toEqual([mine.id]);
    const hidden = await h.app.inject({ method: 'GET', url: `/api/projects/${other.id}`, headers: annotator.headers });
    expect(hidden.statusCode).toBe(404);
  });

  it('bumps the guidelines version when the guidelines change', async () => {
    const researcher = await h.user('researcher');
    const project = await h.project(researcher, { guidelines: 'v1' });
    const patch = (guidelines: string) =>
      h.app.inject({
        method: 'PATCH',
        url: `/api/projects/${project.id}`,
        headers: researcher.headers,
        payload: { guidelines },
      });
    expect((await patch('v2')).json().guidelinesVersion).toBe(2);
    expect((await patch('v2')).json().guidelinesVersion).toBe(2);
  });

  it('replaces the template and bumps the template version only when the questions change', async () => {
    const researcher = await h.user('researcher');
    const project = await h.project(researcher);
    const created = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${project.id}`,
      headers: researcher.headers,
    });
    expect(created.json().templateVersion).toBe(1);
    const patch = (payload: Record<string, unknown>) =>
      h.app.inject({ method: 'PATCH', url: `/api/projects/${project.id}`, headers: researcher.headers, payload });
    const questions = [
      { id: 'pref', type: 'pairwise', label: 'Which is better?', askSafety: true },
      { id: 'why', type: 'rationale', label: 'Why?', required: false, minLength: 10 },
    ];
    const first = await patch({ questions });
    expect(first.statusCode).toBe(200);
    expect(first.json().templateVersion).toBe(2);
    expect(first.json().settings.questions.map((q: { type: string }) => q.type)).toEqual(['pairwise', 'rationale']);
    // The same template again, or a change of something else, keeps the version.
    expect((await patch({ questions })).json().templateVersion).toBe(2);
    expect((await patch({ guidelines: 'New' })).json()).toMatchObject({ templateVersion: 2, guidelinesVersion: 2 });

    const invalid = await patch({ questions: [questions[1], questions[1]] });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.message).toMatch(/duplicate question id "why"/);
  });

  it('changes overlap, lease length and ordering policy through the project settings, keeping the template', async () => {
    const researcher = await h.user('researcher');
    const project = await h.project(researcher);
    const patch = (payload: Record<string, unknown>) =>
      h.app.inject({ method: 'PATCH', url: `/api/projects/${project.id}`, headers: researcher.headers, payload });
    const changed = await patch({ overlapTarget: 3, leaseMinutes: 45, ordering: 'random' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      templateVersion: 1,
      settings: { overlapTarget: 3, leaseMinutes: 45, ordering: 'random' },
    });
    const invalid = await patch({ ordering: 'alphabetical' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.message).toMatch(/^body\.ordering/);
    expect((await patch({ leaseMinutes: 0 })).statusCode).toBe(400);
  });

  it('names the field of an invalid project', async () => {
    const researcher = await h.user('researcher');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: researcher.headers,
      payload: { name: 'X', kind: 'essay' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/^body\.kind/);
  });

  it('refuses to add a member whose account does not exist, naming the field', async () => {
    const researcher = await h.user('researcher');
    const project = await h.project(researcher);
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/members`,
      headers: researcher.headers,
      payload: { email: 'ghost@test.local', role: 'annotator' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details.path).toBe('email');
  });

  it('rejects a malformed project id with 400, not 500', async () => {
    const researcher = await h.user('researcher');
    const response = await h.app.inject({
      method: 'GET',
      url: '/api/projects/not-a-uuid',
      headers: researcher.headers,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/^params\.projectId/);
  });
});
