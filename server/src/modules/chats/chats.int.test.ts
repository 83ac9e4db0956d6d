import type { ChatStreamEvent } from '@feedbench/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatMessages, chatSessions, chatTurns } from '../../db/schema/index.ts';
import { deterministicReply } from '../../test/openai-compatible-server.ts';
import { buildTestApp, type FakeClock, type TestHarness } from '../../test/test-app.ts';
import {
  type ChatWorld,
  chatProject,
  chatTask,
  chatWorld,
  completeTurn,
  MODEL_NAMES,
  openChat,
  postTurn,
  turnAnswers,
} from './chats.fixtures.ts';

let h: TestHarness;
let world: ChatWorld;
beforeAll(async () => {
  h = await buildTestApp();
  world = await chatWorld(h);
  // PGlite opens and migrates its own database per file: slow on a loaded machine.
}, 240_000);
afterAll(async () => {
  await world?.model.close();
  // fetch keeps its sockets alive: close them, or the server waits for them to idle out.
  h.app.server.closeAllConnections();
  await h.close();
});

/** What the test server answers a candidate slot (seed 11 + slot) given the last user message. */
const expectedReply = (content: string, slot: number) =>
  deterministicReply({ messages: [{ role: 'user', content }], seed: 11 + slot }, 0, null);

function candidatesOf(events: ChatStreamEvent[]) {
  const turn = events.find((e) => e.type === 'turn');
  if (turn?.type !== 'turn') throw new Error('no turn event');
  return turn.turn.candidates;
}

function finals(events: ChatStreamEvent[]) {
  return events.flatMap((e) => (e.type === 'candidate' ? [e.candidate] : []));
}

/** Everything stored for one conversation (the tests read the tables; no annotator can). */
async function stored(leaseItem: string) {
  const db = h.database.db;
  const [session] = await db.select().from(chatSessions).where(eq(chatSessions.itemId, leaseItem));
  if (!session) return { session, messages: [], turns: [] };
  return {
    session,
    messages: await db.select().from(chatMessages).where(eq(chatMessages.sessionId, session.id)),
    turns: await db.select().from(chatTurns).where(eq(chatTurns.sessionId, session.id)),
  };
}

describe('live chat turns', () => {
  it('streams K candidates side by side, each assembled from its deltas, and stores the tree with provenance', async () => {
    const project = await chatProject(h, world);
    const { annotator, task } = await chatTask(h, world, project.id);
    expect(task.kind).toBe('chat');
    const { response, events } = await postTurn(h, annotator, task.leaseId, 'Tell me about otters');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(events[0]?.type).toBe('turn');
    expect(events.at(-1)?.type).toBe('end');
    const shown = candidatesOf(events);
    expect(shown.map((c) => c.label)).toEqual(['A', 'B']);
    for (const candidate of finals(events)) {
      const deltas = events.flatMap((e) => (e.type === 'delta' && e.candidateId === candidate.id ? [e.text] : []));
      expect(deltas.length).toBeGreaterThan(1);
      expect(deltas.join('')).toBe(candidate.content);
      expect(candidate.state).toBe('done');
      expect(candidate.finishReason).toBe('stop');
    }

    const { messages, turns, session } = await stored(task.item.id);
    const user = messages.find((m) => m.role === 'user');
    const models = messages.filter((m) => m.source === 'model');
    expect(user?.content).toBe('Tell me about otters');
    expect(models).toHaveLength(2);
    for (const m of models) {
      expect(m.parentId).toBe(user?.id);
      expect(m.content).toBe(expectedReply('Tell me about otters', m.slotNo as number));
      expect(m.provenance?.model).toBe(MODEL_NAMES[m.slotNo as number]);
      expect(m.provenance?.connectionId).toBe(world.connections[m.slotNo as number]?.id);
      expect(m.provenance?.params).toMatchObject({ seed: 11 + (m.slotNo as number) });
      expect(m.provenance?.finishReason).toBe('stop');
      expect(m.provenance?.latencyMs).toBeGreaterThanOrEqual(0);
    }
    // The display order is a permutation of the slots, recorded with the turn.
    expect([...(turns[0]?.displayOrder ?? [])].sort()).toEqual([0, 1]);
    expect(session?.tokensUsed).toBeGreaterThan(0);
  });

  it('never names a connection or model in anything the annotator receives', async () => {
    const project = await chatProject(h, world, { systemPrompt: 'Be brief.' });
    const { annotator, task } = await chatTask(h, world, project.id);
    const bodies = [JSON.stringify(task)];
    const turn = await postTurn(h, annotator, task.leaseId, 'Hello there');
    bodies.push(turn.response.body);
    bodies.push(JSON.stringify(await openChat(h, annotator, task.leaseId)));
    bodies.push((await h.app.inject({ url: `/api/projects/${project.id}`, headers: annotator.headers })).body);
    for (const body of bodies) {
      for (const name of MODEL_NAMES) expect(body).not.toContain(name);
      for (const connection of world.connections) {
        expect(body).not.toContain(connection.id);
        expect(body).not.toContain(connection.name);
      }
      expect(body).not.toContain(world.model.url);
    }
  });

  it('regenerates one candidate: the old reply stays as a superseded sibling, the new one takes its label', async () => {
    const project = await chatProject(h, world);
    const { annotator, task } = await chatTask(h, world, project.id);
    const first = await postTurn(h, annotator, task.leaseId, 'Name a bird');
    const [a] = candidatesOf(first.events);
    const regen = await h.app.inject({
      method: 'POST',
      url: `/api/leases/${task.leaseId}/chat/candidates/${a?.id}/regenerate`,
      headers: annotator.headers,
    });
    expect(regen.statusCode, regen.body).toBe(200);
    const events = regen.body
      .split('\n\n')
      .filter((b) => b.startsWith('data: '))
      .map((b) => JSON.parse(b.slice(6)) as ChatStreamEvent);
    const replaced = events.find((e) => e.type === 'replaced');
    expect(replaced?.type === 'replaced' && replaced.replaces).toBe(a?.id);
    const fresh = finals(events)[0];
    expect(fresh?.label).toBe('A');
    expect(fresh?.state).toBe('done');
    const session = await openChat(h, annotator, task.leaseId);
    expect(session.turns[0]?.candidates.map((c) => c.id)).toContain(fresh?.id);
    expect(session.turns[0]?.candidates.map((c) => c.id)).not.toContain(a?.id);
    const { messages } = await stored(task.item.id);
    const old = messages.find((m) => m.id === a?.id);
    expect(old?.superseded).toBe(true);
    expect(messages.find((m) => m.id === fresh?.id)?.parentId).toBe(old?.parentId);
  });

  it('shows an endpoint 500 and a 429 per candidate, and a regenerate retries it', async () => {
    const project = await chatProject(h, world);
    const { annotator, task } = await chatTask(h, world, project.id);
    world.model.behave((request) =>
      request.body?.seed === 11 ? { kind: 'error', status: 500 } : { kind: 'rate_limited', retryAfter: '3' },
    );
    const { events } = await postTurn(h, annotator, task.leaseId, 'Fail please');
    world.model.behave({ kind: 'reply' });
    const failed = finals(events);
    expect(failed.map((c) => c.state)).toEqual(['error', 'error']);
    const kinds = failed.map((c) => c.error?.kind).sort();
    expect(kinds).toEqual(['rate_limited', 'server_error']);
    expect(failed.find((c) => c.error?.kind === 'rate_limited')?.error?.message).toContain('Retry in 3 s');
    expect(failed.find((c) => c.error?.kind === 'server_error')?.error?.message).toContain('HTTP 500');
    // A failed candidate cannot be chosen until it is retried.
    const ids = failed.map((c) => c.id);
    const refused = await completeTurn(h, annotator, task.leaseId, 1, {
      answers: turnAnswers(ids, ids[0] as string),
      chosenId: ids[0] as string,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('chat.candidate_not_choosable');
    for (const id of ids) {
      const retry = await h.app.inject({
        method: 'POST',
        url: `/api/leases/${task.leaseId}/chat/candidates/${id}/regenerate`,
        headers: annotator.headers,
      });
      expect(retry.statusCode).toBe(200);
    }
    const session = await openChat(h, annotator, task.leaseId);
    expect(session.turns[0]?.candidates.map((c) => c.state)).toEqual(['done', 'done']);
  });

  it('completes a turn with an edit stored as a sibling with its diff, and continues from the edited reply', async () => {
    const project = await chatProject(h, world);
    const { annotator, task } = await chatTask(h, world, project.id);
    const first = await postTurn(h, annotator, task.leaseId, 'Write a haiku');
    const ids = candidatesOf(first.events).map((c) => c.id);
    const [best, other] = ids as [string, string];
    // The chosen reply must be among the best of the ranking.
    const notBest = await completeTurn(h, annotator, task.leaseId, 1, {
      answers: turnAnswers(ids, best),
      chosenId: other,
    });
    expect(notBest.statusCode).toBe(422);
    expect(notBest.json().error.code).toBe('chat.chosen_not_preferred');
    const incomplete = await completeTurn(h, annotator, task.leaseId, 1, {
      answers: { rank: { type: 'ranking', groups: [[best], [other]] } },
      chosenId: best,
    });
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json().error.code).toBe('annotation.invalid_answers');
    // A second user turn before this one is answered is refused.
    const early = await postTurn(h, annotator, task.leaseId, 'Too soon');
    expect(early.response.statusCode).toBe(409);
    expect(early.response.json().error.code).toBe('chat.turn_open');

    const done = await completeTurn(h, annotator, task.leaseId, 1, {
      answers: turnAnswers(ids, best),
      chosenId: best,
      editedText: 'An old silent pond, a frog jumps in.',
    });
    expect(done.statusCode, done.body).toBe(200);
    const turn = done.json().session.turns[0];
    expect(turn.completed).toBe(true);
    expect(turn.chosenId).toBe(best);
    expect(turn.edited.content).toBe('An old silent pond, a frog jumps in.');

    const second = await postTurn(h, annotator, task.leaseId, 'Another one');
    expect(second.response.statusCode).toBe(200);
    const { messages } = await stored(task.item.id);
    const edit = messages.find((m) => m.source === 'edit');
    const chosen = messages.find((m) => m.id === best);
    expect(edit?.parentId).toBe(chosen?.parentId);
    expect(edit?.editedFromId).toBe(best);
    expect(edit?.editDiff?.some((part) => part.op === 'added')).toBe(true);
    expect(
      edit?.editDiff
        ?.filter((p) => p.op !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe(edit?.content);
    // Turn 2 hangs under the edit, and the models were sent the edited reply as the assistant's turn.
    const user2 = messages.find((m) => m.role === 'user' && m.turnNo === 2);
    expect(user2?.parentId).toBe(edit?.id);
    const sent = world.model.requests.at(-1)?.body?.messages ?? [];
    expect(sent.slice(-3)).toEqual([
      { role: 'user', content: 'Write a haiku' },
      { role: 'assistant', content: 'An old silent pond, a frog jumps in.' },
      { role: 'user', content: 'Another one' },
    ]);
  });

  it('sends the system prompt and the imported prefix before the turns', async () => {
    const prefix = [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello! How can I help?' },
    ];
    const project = await chatProject(h, world, { systemPrompt: 'You are terse.' }, [{ id: 'p1', prompt: prefix }]);
    const { annotator, task } = await chatTask(h, world, project.id);
    await postTurn(h, annotator, task.leaseId, 'Explain tides');
    const sent = world.model.requests.at(-1)?.body?.messages;
    expect(sent).toEqual([
      { role: 'system', content: 'You are terse.' },
      ...prefix,
      { role: 'user', content: 'Explain tides' },
    ]);
    const session = await openChat(h, annotator, task.leaseId);
    expect(session.prefix).toEqual(prefix);
    expect(session.systemPrompt).toBe('You are terse.');
  });

  it('refuses a turn past the turn limit, writing nothing', async () => {
    const project = await chatProject(h, world, { turnLimit: 1 });
    const { annotator, task } = await chatTask(h, world, project.id);
    const ids = candidatesOf((await postTurn(h, annotator, task.leaseId, 'One')).events).map((c) => c.id);
    await completeTurn(h, annotator, task.leaseId, 1, {
      answers: turnAnswers(ids, ids[0] as string),
      chosenId: ids[0] as string,
    });
    const before = await stored(task.item.id);
    const refused = await postTurn(h, annotator, task.leaseId, 'Two');
    expect(refused.response.statusCode).toBe(409);
    expect(refused.response.json().error.code).toBe('chat.turn_limit');
    const after = await stored(task.item.id);
    expect(after.messages).toHaveLength(before.messages.length);
    expect(after.turns).toHaveLength(before.turns.length);
  });
});

describe('budgets', () => {
  it('refuses a new call once the token budget is spent (409), writing nothing', async () => {
    const project = await chatProject(h, world, { tokenBudget: 100 });
    const { annotator, task } = await chatTask(h, world, project.id);
    const long = 'word '.repeat(400);
    const first = await postTurn(h, annotator, task.leaseId, long);
    expect(first.response.statusCode).toBe(200);
    const ids = candidatesOf(first.events).map((c) => c.id);
    // Each call's max_tokens was capped by its share of the budget left.
    for (const request of world.model.requests.slice(-2)) expect(request.body?.max_tokens).toBeLessThanOrEqual(50);
    await completeTurn(h, annotator, task.leaseId, 1, {
      answers: turnAnswers(ids, ids[0] as string),
      chosenId: ids[0] as string,
    });
    const before = await stored(task.item.id);
    expect(before.session?.tokensUsed).toBeGreaterThanOrEqual(100);
    const calls = world.model.completions;
    const refused = await postTurn(h, annotator, task.leaseId, 'more');
    expect(refused.response.statusCode).toBe(409);
    expect(refused.response.json().error.code).toBe('chat.token_budget_exceeded');
    const regen = await h.app.inject({
      method: 'POST',
      url: `/api/leases/${task.leaseId}/chat/candidates/${ids[1]}/regenerate`,
      headers: annotator.headers,
    });
    expect(regen.statusCode).toBe(409);
    expect(world.model.completions).toBe(calls);
    const after = await stored(task.item.id);
    expect(after.messages).toHaveLength(before.messages.length);
  });

  it('refuses a new call after the time budget (409)', async () => {
    const project = await chatProject(h, world, { timeBudgetMinutes: 5 });
    const { annotator, task } = await chatTask(h, world, project.id);
    await openChat(h, annotator, task.leaseId);
    (h.clock as FakeClock).advance(6 * 60_000);
    const refused = await postTurn(h, annotator, task.leaseId, 'late');
    expect(refused.response.statusCode).toBe(409);
    expect(refused.response.json().error.code).toBe('chat.time_budget_exceeded');
    expect((await stored(task.item.id)).messages).toHaveLength(0);
  });
});

describe('permissions', () => {
  it('refuses another annotator, a researcher and anonymous callers every route of my conversation, writing nothing', async () => {
    const project = await chatProject(h, world);
    const { annotator, task } = await chatTask(h, world, project.id);
    const first = await postTurn(h, annotator, task.leaseId, 'Mine');
    const ids = candidatesOf(first.events).map((c) => c.id);
    const other = await h.user('annotator');
    await h.addMember(world.researcher, project.id, other);
    const before = await stored(task.item.id);
    const calls = world.model.completions;
    const routes = [
      { method: 'GET', url: `/api/leases/${task.leaseId}/chat` },
      { method: 'POST', url: `/api/leases/${task.leaseId}/chat/turns`, payload: { content: 'x' } },
      { method: 'POST', url: `/api/leases/${task.leaseId}/chat/candidates/${ids[0]}/regenerate` },
      { method: 'POST', url: `/api/leases/${task.leaseId}/chat/candidates/${ids[0]}/stop` },
      { method: 'PUT', url: `/api/leases/${task.leaseId}/chat/turns/1/draft`, payload: { answers: {} } },
      {
        method: 'POST',
        url: `/api/leases/${task.leaseId}/chat/turns/1/complete`,
        payload: { answers: turnAnswers(ids, ids[0] as string), chosenId: ids[0] },
      },
    ] as const;
    for (const route of routes) {
      for (const caller of [other, world.researcher]) {
        const response = await h.app.inject({ ...route, headers: caller.headers });
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(404);
        expect(response.json().error.code).toBe('assignment.lease_not_found');
      }
      const anonymous = await h.app.inject({ ...route });
      expect([401, 403]).toContain(anonymous.statusCode);
    }
    const after = await stored(task.item.id);
    expect(after.messages).toEqual(before.messages);
    expect(after.turns).toEqual(before.turns);
    expect(world.model.completions).toBe(calls);
  });
});

describe('drafts and submit', () => {
  it('restores the answers given so far after a reload, and submits the conversation once every turn is answered', async () => {
    const project = await chatProject(h, world);
    const { annotator, task } = await chatTask(h, world, project.id);
    const ids = candidatesOf((await postTurn(h, annotator, task.leaseId, 'Draft me')).events).map((c) => c.id);
    const partial = { rank: { type: 'ranking', groups: [[ids[1]], [], []] } };
    const saved = await h.app.inject({
      method: 'PUT',
      url: `/api/leases/${task.leaseId}/chat/turns/1/draft`,
      headers: annotator.headers,
      payload: { answers: partial, draftEdit: 'half an edit' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const reloaded = await openChat(h, annotator, task.leaseId);
    expect(reloaded.turns[0]?.answers).toEqual(partial);
    expect(reloaded.turns[0]?.draftEdit).toBe('half an edit');

    const submit = (key = crypto.randomUUID()) =>
      h.app.inject({
        method: 'POST',
        url: `/api/leases/${task.leaseId}/submit`,
        headers: annotator.headers,
        payload: { idempotencyKey: key, answers: {} },
      });
    const open = await submit();
    expect(open.statusCode).toBe(422);
    expect(open.body).toContain('turn 1 is not answered yet');
    expect((await stored(task.item.id)).session?.state).toBe('open');

    await completeTurn(h, annotator, task.leaseId, 1, {
      answers: turnAnswers(ids, ids[1] as string),
      chosenId: ids[1] as string,
    });
    const done = await submit();
    expect(done.statusCode, done.body).toBe(200);
    expect((await stored(task.item.id)).session?.state).toBe('submitted');
    const late = await postTurn(h, annotator, task.leaseId, 'after submit');
    expect(late.response.statusCode).toBe(409);
    const progress = (
      await h.app.inject({ url: `/api/projects/${project.id}`, headers: world.researcher.headers })
    ).json().progress;
    expect(progress.annotations).toBe(1);
  });

  it('refuses to submit a conversation with no turn', async () => {
    const project = await chatProject(h, world);
    const { annotator, task } = await chatTask(h, world, project.id);
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/leases/${task.leaseId}/submit`,
      headers: annotator.headers,
      payload: { idempotencyKey: crypto.randomUUID(), answers: {} },
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('no turn yet');
  });
});

describe('chat project settings', () => {
  it('refuses a chat project without candidates, and a template that does not fit K, naming the field', async () => {
    const missing = await h.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: world.researcher.headers,
      payload: { name: 'No chat', kind: 'chat' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('settings.chat');
    const pairwise = await h.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: world.researcher.headers,
      payload: {
        name: 'Three for a pair',
        kind: 'chat',
        settings: {
          questions: [{ id: 'p', type: 'pairwise', label: 'Which is better?' }],
          chat: { candidates: [0, 1, 2].map(() => ({ connectionId: world.connections[0]?.id })) },
        },
      },
    });
    expect(pairwise.statusCode).toBe(400);
    expect(pairwise.body).toContain('needs 2 candidates per turn');
  });

  it('keeps candidate slots from annotators and shows them to researchers', async () => {
    const project = await chatProject(h, world);
    const { annotator } = await chatTask(h, world, project.id);
    const seen = (await h.app.inject({ url: `/api/projects/${project.id}`, headers: annotator.headers })).json();
    expect(seen.settings.chat).toBeUndefined();
    const researcherView = (
      await h.app.inject({ url: `/api/projects/${project.id}`, headers: world.researcher.headers })
    ).json();
    expect(researcherView.settings.chat.candidates).toHaveLength(2);
  });
});

/** A real socket: stop and reload need a stream that is still open while the test acts. */
async function listening() {
  const address = await h.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => null);
  if (address) return address;
  const info = h.app.server.address();
  if (info && typeof info === 'object') return `http://127.0.0.1:${info.port}`;
  throw new Error('not listening');
}

/** Reads a turn's stream as it arrives, calling `onEvent` for each event; returns every event once it ends. */
async function readStream(
  response: Response,
  onEvent: (event: ChatStreamEvent) => Promise<void> | void,
): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith('data: ')) {
          const event = JSON.parse(block.slice(6)) as ChatStreamEvent;
          events.push(event);
          await onEvent(event);
        }
        end = buffer.indexOf('\n\n');
      }
    }
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  }
  return events;
}

describe('stop and reload mid-stream', () => {
  it('stops one candidate: the text received so far stays, it may be chosen, the other finishes', async () => {
    const base = await listening();
    const project = await chatProject(h, world);
    const { annotator, task } = await chatTask(h, world, project.id);
    world.model.behave({ kind: 'reply', perTokenMs: 150 });
    let stoppedId: string | undefined;
    const response = await fetch(`${base}/api/leases/${task.leaseId}/chat/turns`, {
      method: 'POST',
      headers: { ...annotator.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'Stop me' }),
    });
    expect(response.status).toBe(200);
    const events = await readStream(response, async (event) => {
      if (event.type === 'delta' && !stoppedId) {
        stoppedId = event.candidateId;
        const stop = await h.app.inject({
          method: 'POST',
          url: `/api/leases/${task.leaseId}/chat/candidates/${stoppedId}/stop`,
          headers: annotator.headers,
        });
        expect(stop.json()).toEqual({ stopped: true });
      }
    });
    world.model.behave({ kind: 'reply' });
    const byId = new Map(finals(events).map((c) => [c.id, c]));
    const stopped = byId.get(stoppedId as string);
    expect(stopped?.state).toBe('stopped');
    const full = expectedReply('Stop me', 0);
    const fullOther = expectedReply('Stop me', 1);
    expect(stopped?.content.length).toBeGreaterThan(0);
    expect(
      [full, fullOther].some((reply) => reply.startsWith(stopped?.content ?? '?') && reply !== stopped?.content),
    ).toBe(true);
    const other = [...byId.values()].find((c) => c.id !== stoppedId);
    expect(other?.state).toBe('done');
    const ids = candidatesOf(events).map((c) => c.id);
    const chosen = await completeTurn(h, annotator, task.leaseId, 1, {
      answers: turnAnswers(ids, stoppedId as string),
      chosenId: stoppedId as string,
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
  });

  it('keeps what a candidate received when the page reloads mid-stream, shows it interrupted, and regenerates it', async () => {
    const base = await listening();
    const project = await chatProject(h, world);
    const { annotator, task } = await chatTask(h, world, project.id);
    world.model.behave({ kind: 'reply', perTokenMs: 150 });
    const page = new AbortController();
    let deltas = 0;
    const response = await fetch(`${base}/api/leases/${task.leaseId}/chat/turns`, {
      method: 'POST',
      headers: { ...annotator.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'Reload now' }),
      signal: page.signal,
    });
    await readStream(response, (event) => {
      if (event.type === 'delta' && ++deltas === 4) page.abort();
    });
    world.model.behave({ kind: 'reply' });
    // The server notices the closed request and stores what each candidate received.
    let session = await openChat(h, annotator, task.leaseId);
    for (let i = 0; i < 50 && session.turns[0]?.candidates.some((c) => c.state === 'streaming'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      session = await openChat(h, annotator, task.leaseId);
    }
    const candidates = session.turns[0]?.candidates ?? [];
    expect(candidates.map((c) => c.state)).toEqual(['interrupted', 'interrupted']);
    const replies = [expectedReply('Reload now', 0), expectedReply('Reload now', 1)];
    for (const c of candidates) {
      expect(replies.some((reply) => reply.startsWith(c.content) && reply !== c.content)).toBe(true);
    }
    expect(candidates.some((c) => c.content.length > 0)).toBe(true);
    const ids = candidates.map((c) => c.id);
    const refused = await completeTurn(h, annotator, task.leaseId, 1, {
      answers: turnAnswers(ids, ids[0] as string),
      chosenId: ids[0] as string,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('chat.candidate_not_choosable');
    for (const id of ids) {
      const regen = await h.app.inject({
        method: 'POST',
        url: `/api/leases/${task.leaseId}/chat/candidates/${id}/regenerate`,
        headers: annotator.headers,
      });
      expect(regen.statusCode).toBe(200);
    }
    const after = await openChat(h, annotator, task.leaseId);
    expect(after.turns[0]?.candidates.map((c) => c.state)).toEqual(['done', 'done']);
    expect(after.turns[0]?.candidates.map((c) => c.label)).toEqual(['A', 'B']);
  });
});
