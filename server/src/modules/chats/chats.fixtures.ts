import type { ChatSession, ChatSettingsInput, ChatStreamEvent, Task } from '@feedbench/shared';
import { nextTask, type Person } from '../../test/annotating.ts';
import { type OpenAICompatibleServer, startOpenAICompatibleServer } from '../../test/openai-compatible-server.ts';
import type { TestHarness } from '../../test/test-app.ts';

/** What tests of live chat share: a model server, two connections, a chat project, people. */
export interface ChatWorld {
  model: OpenAICompatibleServer;
  admin: Person;
  researcher: Person;
  workspaceId: string;
  /** Two connections with model names a blindness test searches for. */
  connections: { id: string; name: string; model: string }[];
}

export const MODEL_NAMES = ['secret-model-alpha', 'secret-model-bravo'] as const;

export async function chatWorld(h: TestHarness): Promise<ChatWorld> {
  const model = await startOpenAICompatibleServer();
  const admin = await h.user('admin');
  const researcher = await h.user('researcher');
  const workspaceId = (await h.app.inject({ url: '/api/workspaces', headers: researcher.headers })).json().workspaces[0]
    .id as string;
  const adminRow = await h.services.auth.findUserByEmail(admin.email);
  if (!adminRow) throw new Error('admin not found');
  const connections = [];
  for (const [index, name] of MODEL_NAMES.entries()) {
    const created = await h.services.models.create(adminRow, {
      workspaceId,
      name: `Connection ${name} ${crypto.randomUUID().slice(0, 6)}`,
      baseUrl: model.url,
      model: name,
      defaultParams: { seed: index + 1 },
    });
    connections.push({ id: created.id, name: created.name, model: created.model });
  }
  return { model, admin, researcher, workspaceId, connections };
}

/** A chat project with one candidate slot per connection (seeds 11, 12: deterministic, different replies). */
export async function chatProject(
  h: TestHarness,
  world: ChatWorld,
  chat: Partial<ChatSettingsInput> = {},
  starters: unknown[] = [{ id: 'c1', prompt: [] }],
) {
  const project = await h.project(world.researcher, {
    kind: 'chat',
    settings: {
      questions: [
        { id: 'rank', type: 'ranking', label: 'Rank the replies' },
        { id: 'flags', type: 'flags', label: 'Flags' },
      ],
      chat: {
        candidates: world.connections.map((c, i) => ({ connectionId: c.id, params: { seed: 11 + i } })),
        turnLimit: 3,
        ...chat,
      },
    } as never,
  });
  const imported = await h.importItems(world.researcher, project.id, starters);
  if (imported.statusCode >= 300) throw new Error(`import: ${imported.body}`);
  return project;
}

export async function chatTask(h: TestHarness, world: ChatWorld, projectId: string) {
  const annotator = await h.user('annotator');
  await h.addMember(world.researcher, projectId, annotator);
  const task = (await nextTask(h, annotator, projectId)) as Task;
  return { annotator, task };
}

/** The events of a text/event-stream body (each `data:` line one JSON event). */
export function parseEvents(body: string): ChatStreamEvent[] {
  return body
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => JSON.parse(block.slice(6)) as ChatStreamEvent);
}

export async function postTurn(h: TestHarness, person: Person, leaseId: string, content: string) {
  const response = await h.app.inject({
    method: 'POST',
    url: `/api/leases/${leaseId}/chat/turns`,
    headers: person.headers,
    payload: { content },
  });
  return { response, events: response.statusCode === 200 ? parseEvents(response.body) : [] };
}

export async function openChat(h: TestHarness, person: Person, leaseId: string): Promise<ChatSession> {
  const response = await h.app.inject({ url: `/api/leases/${leaseId}/chat`, headers: person.headers });
  if (response.statusCode !== 200) throw new Error(`open chat: ${response.statusCode} ${response.body}`);
  return response.json().session;
}

/** Answers for the default chat template: `best` alone on top, the others tied below, no flags. */
export function turnAnswers(candidateIds: string[], best: string) {
  return {
    rank: { type: 'ranking', groups: [[best], candidateIds.filter((id) => id !== best)] },
    flags: { type: 'flags', values: Object.fromEntries(candidateIds.map((id) => [id, []])) },
  };
}

export async function completeTurn(
  h: TestHarness,
  person: Person,
  leaseId: string,
  turnNo: number,
  body: { answers: unknown; chosenId: string; editedText?: string },
) {
  return h.app.inject({
    method: 'POST',
    url: `/api/leases/${leaseId}/chat/turns/${turnNo}/complete`,
    headers: person.headers,
    payload: body,
  });
}
