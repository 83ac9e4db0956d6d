import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatMessages, chatSessions, chatTurns } from '../../db/schema/index.ts';
import { buildTestApp, type TestHarness } from '../../test/test-app.ts';
import {
  type ChatWorld,
  chatProject,
  chatTask,
  chatWorld,
  completeTurn,
  openChat,
  postTurn,
  turnAnswers,
} from './chats.fixtures.ts';

/**
 * One annotator with the same conversation open in two tabs, both acting at the same moment. The session row lock
 * serializes them: whatever one tab does first, the other is told why it cannot (409), and nothing is written twice.
 */

let h: TestHarness;
let world: ChatWorld;
beforeAll(async () => {
  h = await buildTestApp();
  world = await chatWorld(h);
}, 240_000);
afterAll(async () => {
  await world?.model.close();
  h.app.server.closeAllConnections();
  await h.close();
});

async function stored(itemId: string) {
  const db = h.database.db;
  const sessions = await db.select().from(chatSessions).where(eq(chatSessions.itemId, itemId));
  const ids = sessions.map((s) => s.id);
  const [only] = ids;
  return {
    sessions,
    messages: only ? await db.select().from(chatMessages).where(eq(chatMessages.sessionId, only)) : [],
    turns: only ? await db.select().from(chatTurns).where(eq(chatTurns.sessionId, only)) : [],
  };
}

describe('two tabs of one annotator', () => {
  it('opening a new conversation in both at once makes one session, its imported prefix stored once', async () => {
    const prefix = [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello! How can I help?' },
    ];
    const project = await chatProject(h, world, {}, [{ id: 'two-tabs-open', prompt: prefix }]);
    const { annotator, task } = await chatTask(h, world, project.id);
    const [a, b] = await Promise.all([openChat(h, annotator, task.leaseId), openChat(h, annotator, task.leaseId)]);
    expect(a.prefix).toEqual(prefix);
    expect(b).toEqual(a);
    const { sessions, messages } = await stored(task.item.id);
    expect(sessions).toHaveLength(1);
    expect(messages.map((m) => m.content)).toEqual(prefix.map((m) => m.content));
  });

  it('sending a message in both at once starts one turn; the other tab is told a turn is open', async () => {
    const project = await chatProject(h, world);
    const { annotator, task } = await chatTask(h, world, project.id);
    await openChat(h, annotator, task.leaseId);
    const [first, second] = await Promise.all([
      postTurn(h, annotator, task.leaseId, 'From the first tab'),
      postTurn(h, annotator, task.leaseId, 'From the second tab'),
    ]);
    const statuses = [first.response.statusCode, second.response.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const [won, lost] = first.response.statusCode === 200 ? [first, second] : [second, first];
    expect(lost.response.json().error.code).toBe('chat.turn_open');
    expect(won.events.at(-1)?.type).toBe('end');

    const { messages, turns } = await stored(task.item.id);
    expect(turns).toHaveLength(1);
    const users = messages.filter((m) => m.role === 'user');
    expect(users).toHaveLength(1);
    expect(users[0]?.content).toBe(won === first ? 'From the first tab' : 'From the second tab');
    expect(messages.filter((m) => m.source === 'model')).toHaveLength(world.connections.length);
    // Both tabs, reloaded, show the same single turn.
    const [reloadA, reloadB] = await Promise.all([
      openChat(h, annotator, task.leaseId),
      openChat(h, annotator, task.leaseId),
    ]);
    expect(reloadA.turns).toHaveLength(1);
    expect(reloadB).toEqual(reloadA);
  });

  it('completing the same turn in both at once with different edits keeps one; the other tab is refused', async () => {
    const project = await chatProject(h, world);
    const { annotator, task } = await chatTask(h, world, project.id);
    const turn = await postTurn(h, annotator, task.leaseId, 'Write one line about rain');
    const started = turn.events.find((e) => e.type === 'turn');
    if (started?.type !== 'turn') throw new Error('no turn event');
    const ids = started.turn.candidates.map((c) => c.id);
    const best = ids[0] as string;
    const body = (editedText: string) => ({ answers: turnAnswers(ids, best), chosenId: best, editedText });
    const [a, b] = await Promise.all([
      completeTurn(h, annotator, task.leaseId, 1, body('Rain taps the roof, tab one.')),
      completeTurn(h, annotator, task.leaseId, 1, body('Rain taps the roof, tab two.')),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const [won, lost] = a.statusCode === 200 ? [a, b] : [b, a];
    expect(lost.json().error.code).toBe('chat.turn_completed');

    const { messages, turns } = await stored(task.item.id);
    const edits = messages.filter((m) => m.source === 'edit');
    expect(edits).toHaveLength(1);
    expect(turns[0]?.editMessageId).toBe(edits[0]?.id);
    expect(edits[0]?.content).toBe(won === a ? 'Rain taps the roof, tab one.' : 'Rain taps the roof, tab two.');
  });
});
