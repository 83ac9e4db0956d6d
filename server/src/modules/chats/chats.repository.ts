import type { Answers, DraftAnswers } from '@feedbench/shared';
import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  type ChatMessageProvenance,
  type ChatMessageState,
  chatMessages,
  chatSessions,
  chatTurns,
} from '../../db/schema/index.ts';

export type ChatSessionRow = typeof chatSessions.$inferSelect;
export type ChatMessageRow = typeof chatMessages.$inferSelect;
export type ChatTurnRow = typeof chatTurns.$inferSelect;
type NewMessage = typeof chatMessages.$inferInsert;

/** The chat module's SQL: sessions, the message tree and turns (this module owns the three tables). */
export function createChatsRepository(db: Executor) {
  return {
    async findSession(itemId: string, userId: string): Promise<ChatSessionRow | undefined> {
      const [row] = await db
        .select()
        .from(chatSessions)
        .where(and(eq(chatSessions.itemId, itemId), eq(chatSessions.userId, userId)));
      return row;
    },

    /** Creates the session once; a concurrent first open of the same task finds the other's row. */
    async createSession(values: typeof chatSessions.$inferInsert): Promise<ChatSessionRow | undefined> {
      const [row] = await db.insert(chatSessions).values(values).onConflictDoNothing().returning();
      return row;
    },

    /** Locks the session row: turns, regenerations and completions of one conversation happen one at a time. */
    async lockSession(sessionId: string): Promise<ChatSessionRow | undefined> {
      const [row] = await db.select().from(chatSessions).where(eq(chatSessions.id, sessionId)).for('update');
      return row;
    },

    async addTokens(sessionId: string, tokens: number): Promise<number> {
      const [row] = await db
        .update(chatSessions)
        .set({ tokensUsed: sql`${chatSessions.tokensUsed} + ${tokens}` })
        .where(eq(chatSessions.id, sessionId))
        .returning({ tokensUsed: chatSessions.tokensUsed });
      return row?.tokensUsed ?? 0;
    },

    async markSubmitted(sessionId: string, at: Date) {
      await db.update(chatSessions).set({ state: 'submitted', submittedAt: at }).where(eq(chatSessions.id, sessionId));
    },

    async insertMessages(values: NewMessage[]): Promise<ChatMessageRow[]> {
      if (values.length === 0) return [];
      return db.insert(chatMessages).values(values).returning();
    },

    async messagesOf(sessionId: string): Promise<ChatMessageRow[]> {
      return db
        .select()
        .from(chatMessages)
        .where(eq(chatMessages.sessionId, sessionId))
        .orderBy(asc(chatMessages.turnNo), asc(chatMessages.createdAt), asc(chatMessages.id));
    },

    async findMessage(sessionId: string, messageId: string): Promise<ChatMessageRow | undefined> {
      const [row] = await db
        .select()
        .from(chatMessages)
        .where(and(eq(chatMessages.sessionId, sessionId), eq(chatMessages.id, messageId)));
      return row;
    },

    /** The text received so far, while a candidate streams (a reload shows it). */
    async saveProgress(messageId: string, content: string) {
      await db
        .update(chatMessages)
        .set({ content })
        .where(and(eq(chatMessages.id, messageId), eq(chatMessages.state, 'streaming')));
    },

    async finishMessage(
      messageId: string,
      values: {
        state: ChatMessageState;
        content: string;
        provenance?: ChatMessageProvenance;
        error?: { kind: string; message: string } | null;
      },
    ) {
      await db.update(chatMessages).set(values).where(eq(chatMessages.id, messageId));
    },

    /** Candidates left `streaming` by a process that is gone (a crash, a restart): what they received is kept. */
    async interruptOrphans(sessionId: string, liveIds: readonly string[]) {
      const orphan = and(eq(chatMessages.sessionId, sessionId), eq(chatMessages.state, 'streaming'));
      await db
        .update(chatMessages)
        .set({ state: 'interrupted', error: { kind: 'interrupted', message: 'the stream ended before the reply did' } })
        .where(liveIds.length === 0 ? orphan : and(orphan, notInArray(chatMessages.id, [...liveIds])));
    },

    async supersede(messageId: string) {
      await db.update(chatMessages).set({ superseded: true }).where(eq(chatMessages.id, messageId));
    },

    async turnsOf(sessionId: string): Promise<ChatTurnRow[]> {
      return db.select().from(chatTurns).where(eq(chatTurns.sessionId, sessionId)).orderBy(asc(chatTurns.turnNo));
    },

    async insertTurn(values: typeof chatTurns.$inferInsert) {
      await db.insert(chatTurns).values(values);
    },

    async saveTurnDraft(
      sessionId: string,
      turnNo: number,
      draft: { answers: DraftAnswers; draftEdit?: string | null },
    ) {
      await db
        .update(chatTurns)
        .set({ draftAnswers: draft.answers, ...(draft.draftEdit === undefined ? {} : { draftEdit: draft.draftEdit }) })
        .where(and(eq(chatTurns.sessionId, sessionId), eq(chatTurns.turnNo, turnNo)));
    },

    async completeTurn(
      sessionId: string,
      turnNo: number,
      values: { answers: Answers; chosenMessageId: string; editMessageId: string | null; completedAt: Date },
    ) {
      await db
        .update(chatTurns)
        .set({ ...values, draftAnswers: null, draftEdit: null })
        .where(and(eq(chatTurns.sessionId, sessionId), eq(chatTurns.turnNo, turnNo)));
    },

    /** Every submitted conversation of the given sessions' ids, for exports: sessions, their nodes and turns. */
    async conversations(sessionIds: readonly string[]) {
      if (sessionIds.length === 0) return { sessions: [], messages: [], turns: [] };
      const [sessions, messages, turns] = await Promise.all([
        db
          .select()
          .from(chatSessions)
          .where(inArray(chatSessions.id, [...sessionIds])),
        db
          .select()
          .from(chatMessages)
          .where(inArray(chatMessages.sessionId, [...sessionIds]))
          .orderBy(asc(chatMessages.turnNo), asc(chatMessages.createdAt), asc(chatMessages.id)),
        db
          .select()
          .from(chatTurns)
          .where(inArray(chatTurns.sessionId, [...sessionIds]))
          .orderBy(asc(chatTurns.turnNo)),
      ]);
      return { sessions, messages, turns };
    },

    /** Sessions of (item, annotator) pairs: how an export finds the conversation behind each annotation. */
    async sessionsFor(pairs: readonly { itemId: string; userId: string }[]) {
      if (pairs.length === 0) return [];
      const itemIds = [...new Set(pairs.map((p) => p.itemId))];
      const rows = await db
        .select({ id: chatSessions.id, itemId: chatSessions.itemId, userId: chatSessions.userId })
        .from(chatSessions)
        .where(inArray(chatSessions.itemId, itemIds));
      const wanted = new Set(pairs.map((p) => `${p.itemId}:${p.userId}`));
      return rows.filter((r) => wanted.has(`${r.itemId}:${r.userId}`));
    },
  };
}
export type ChatsRepository = ReturnType<typeof createChatsRepository>;
