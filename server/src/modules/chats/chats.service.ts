import { randomInt } from 'node:crypto';
import {
  type AnswerProblem,
  type ChatSession,
  type ChatStreamEvent,
  type ChatTurnBody,
  type ChatTurnDraftBody,
  type CompleteChatTurnBody,
  checkAnswers,
  expressesPreference,
  preferenceView,
  wordDiff,
} from '@feedbench/shared';
import type { Database, Tx } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { annotationErrors } from '../annotations/annotations.errors.ts';
import type { AssignmentService } from '../assignment/assignment.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import type { ChatModelClient } from './chat-model.ts';
import { createCandidateRunner } from './chat-streams.ts';
import {
  type ConversationState,
  contextMessages,
  conversationState,
  deadlineOf,
  leafOf,
  sessionView,
  shownCandidates,
  turnView,
} from './chat-views.ts';
import { chatErrors } from './chats.errors.ts';
import { exportConversations } from './chats.export.ts';
import { type ChatMessageRow, type ChatSessionRow, createChatsRepository } from './chats.repository.ts';
import type { EventChannel } from './event-channel.ts';

interface Deps {
  db: Database;
  clock: Clock;
  projects: Pick<ProjectsService, 'access'>;
  assignment: Pick<AssignmentService, 'leaseOf' | 'heartbeat'>;
  /** The item's conversation starter (items module). */
  conversationOf: (itemId: string) => Promise<{ role: 'system' | 'user' | 'assistant'; content: string }[]>;
  models: ChatModelClient;
}

/** Fisher-Yates with a CSPRNG: the order candidates are shown in is not predictable from earlier turns. */
function shuffledSlots(count: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/**
 * Live chat tasks (HH-RLHF / Llama 2 protocol): the annotator writes a user turn, K candidates stream in from the
 * project's model connections, the annotator answers the per-turn template over them, chooses (and may edit) one
 * reply, and the conversation continues from it. One task (lease) = one conversation; its submit goes through the
 * ordinary submit (annotations.service.ts), which asks `submissionProblems` here.
 */
export function createChatsService({ db, clock, projects, assignment, conversationOf, models }: Deps) {
  const runner = createCandidateRunner({ db, clock, models });

  /** The caller's own lease in a chat project they may still work in, and the project row. */
  async function taskOf(user: SessionUser, leaseId: string) {
    const { lease, project } = await assignment.leaseOf(user, leaseId, async (projectId) => {
      const { row } = await projects.access(user, projectId);
      return row;
    });
    if (project.kind !== 'chat') throw chatErrors.notChat();
    const chat = project.settings.chat;
    if (!chat) throw chatErrors.notConfigured();
    return { lease, project, chat };
  }

  async function load(session: ChatSessionRow, tx?: Tx): Promise<ConversationState> {
    const repo = createChatsRepository(tx ?? db);
    const [messages, turns] = await Promise.all([repo.messagesOf(session.id), repo.turnsOf(session.id)]);
    return conversationState(session, messages, turns);
  }

  /** The session of a task, created at its first open with the project's chat settings copied (provenance). */
  async function sessionFor(user: SessionUser, leaseId: string): Promise<ChatSessionRow> {
    const { lease, project, chat } = await taskOf(user, leaseId);
    const repo = createChatsRepository(db);
    const existing = await repo.findSession(lease.itemId, user.id);
    if (existing) return existing;
    const prefix = await conversationOf(lease.itemId);
    const created = await db.transaction(async (tx) => {
      const txRepo = createChatsRepository(tx);
      const row = await txRepo.createSession({
        projectId: project.id,
        itemId: lease.itemId,
        userId: user.id,
        candidates: chat.candidates,
        systemPrompt: chat.systemPrompt,
        turnLimit: chat.turnLimit,
        tokenBudget: chat.tokenBudget,
        timeBudgetMinutes: chat.timeBudgetMinutes,
        startedAt: clock.now(),
      });
      if (!row) return undefined;
      // The prefix becomes the trunk of the tree: each imported message under the one before it.
      let parentId: string | null = null;
      for (const message of prefix) {
        const [node] = await txRepo.insertMessages([
          {
            sessionId: row.id,
            parentId,
            role: message.role,
            source: 'import',
            content: message.content,
            turnNo: 0,
            createdAt: clock.now(),
          },
        ]);
        parentId = node?.id ?? parentId;
      }
      return row;
    });
    // A concurrent first open (two tabs) created it: read theirs.
    return created ?? ((await repo.findSession(lease.itemId, user.id)) as ChatSessionRow);
  }

  /** Writes need an open conversation and a live lease (heartbeat: extends it, refuses one lost or closed). */
  async function writable(user: SessionUser, leaseId: string) {
    const { project } = await taskOf(user, leaseId);
    await assignment.heartbeat(user, leaseId, project.settings.leaseMinutes);
    const session = await sessionFor(user, leaseId);
    return { project, session };
  }

  function checkBudgets(session: ChatSessionRow) {
    if (session.tokensUsed >= session.tokenBudget)
      throw chatErrors.tokenBudget(session.tokensUsed, session.tokenBudget);
    const deadline = deadlineOf(session);
    if (clock.now().getTime() >= deadline.getTime()) throw chatErrors.timeBudget(deadline);
  }

  /** Every slot's connection must still be one the project may call (a connection can be deleted or moved). */
  async function usableSlots(projectId: string, slots: readonly { connectionId: string }[]) {
    for (const connectionId of new Set(slots.map((s) => s.connectionId))) {
      if (!(await models.usableIn(projectId, connectionId))) throw chatErrors.slotUnusable();
    }
  }

  /**
   * A write that starts model calls, on the caller's open conversation locked for it (turns, regenerations and
   * completions of one conversation happen one at a time: two tabs cannot both start a turn). Every refusal throws
   * before anything is written.
   */
  async function withOpenConversation<T>(
    user: SessionUser,
    leaseId: string,
    write: (tx: Tx, session: ChatSessionRow, state: ConversationState) => Promise<T>,
  ): Promise<T> {
    const { project, session: found } = await writable(user, leaseId);
    // Before the transaction: PGlite has one connection, so no other query may run while it is open.
    await usableSlots(project.id, found.candidates);
    return db.transaction(async (tx) => {
      const session = await createChatsRepository(tx).lockSession(found.id);
      if (session?.state !== 'open') throw chatErrors.submitted();
      return write(tx, session, await load(session, tx));
    });
  }

  /** The stream of the calls just written: `first` announces them, then the runner fills in their text. */
  function streamCalls(
    first: ChatStreamEvent,
    session: ChatSessionRow,
    candidates: { message: ChatMessageRow; label: string }[],
    messages: ReturnType<typeof contextMessages>,
    signal: AbortSignal,
  ): EventChannel<ChatStreamEvent> {
    const channel = runner.channel();
    channel.push(first);
    runner.run(session, candidates, messages, channel, signal);
    return channel;
  }

  function turnOf(state: ConversationState, turnNo: number) {
    const turn = state.turns.find((t) => t.row.turnNo === turnNo);
    if (!turn) throw chatErrors.turnNotFound(turnNo);
    return turn;
  }

  return {
    /** The conversation as the annotator left it (a reload): turns, answers so far, partial candidates. */
    async open(user: SessionUser, leaseId: string): Promise<ChatSession> {
      const session = await sessionFor(user, leaseId);
      // A candidate still `streaming` with no stream in this process was cut off (reload, restart): keep its text.
      await createChatsRepository(db).interruptOrphans(session.id, runner.liveIds(session.id));
      return sessionView(await load(session), leaseId);
    },

    /**
     * Posts a user turn and starts the K candidates. Every refusal (turn limit, open turn, budgets, a closed task)
     * throws before anything is written; the returned channel then carries the stream until `end`.
     */
    async startTurn(
      user: SessionUser,
      leaseId: string,
      body: ChatTurnBody,
      signal: AbortSignal,
    ): Promise<EventChannel<ChatStreamEvent>> {
      const started = await withOpenConversation(user, leaseId, async (tx, session, state) => {
        const repo = createChatsRepository(tx);
        const last = state.turns.at(-1);
        if (last && last.row.completedAt === null) throw chatErrors.turnOpen(last.row.turnNo);
        if (state.turns.length >= session.turnLimit) throw chatErrors.turnLimit(session.turnLimit);
        checkBudgets(session);
        const turnNo = state.turns.length + 1;
        const now = clock.now();
        const [userMessage] = await repo.insertMessages([
          {
            sessionId: session.id,
            parentId: leafOf(state),
            role: 'user',
            source: 'annotator',
            content: body.content,
            turnNo,
            createdAt: now,
          },
        ]);
        if (!userMessage) throw new Error('user message not stored');
        const candidates = await repo.insertMessages(
          session.candidates.map((_, slotNo) => ({
            sessionId: session.id,
            parentId: userMessage.id,
            role: 'assistant' as const,
            source: 'model' as const,
            content: '',
            turnNo,
            slotNo,
            state: 'streaming' as const,
            createdAt: now,
          })),
        );
        await repo.insertTurn({
          sessionId: session.id,
          turnNo,
          userMessageId: userMessage.id,
          displayOrder: shuffledSlots(session.candidates.length),
        });
        const after = await load(session, tx);
        return {
          session,
          turn: turnOf(after, turnNo),
          candidates,
          messages: contextMessages(state, body.content, turnNo),
        };
      });
      const labels = new Map(shownCandidates(started.turn).map(({ message, label }) => [message.id, label]));
      return streamCalls(
        { type: 'turn', turn: turnView(started.turn) },
        started.session,
        started.candidates.map((message) => ({ message, label: labels.get(message.id) ?? '?' })),
        started.messages,
        signal,
      );
    },

    /** Replaces one candidate of the open turn by a new call of the same slot (the old one stays as a sibling). */
    async regenerate(
      user: SessionUser,
      leaseId: string,
      candidateId: string,
      signal: AbortSignal,
    ): Promise<EventChannel<ChatStreamEvent>> {
      const started = await withOpenConversation(user, leaseId, async (tx, session, state) => {
        const repo = createChatsRepository(tx);
        const turn = state.turns.find((t) => [...t.current.values()].some((m) => m.id === candidateId));
        if (!turn) throw chatErrors.candidateNotFound();
        if (turn.row.completedAt !== null) throw chatErrors.turnCompleted(turn.row.turnNo);
        const old = [...turn.current.values()].find((m) => m.id === candidateId);
        if (!old || old.slotNo === null) throw chatErrors.candidateNotFound();
        if (old.state === 'streaming' && runner.isLive(old.id)) throw chatErrors.candidateBusy();
        checkBudgets(session);
        await repo.supersede(old.id);
        const [fresh] = await repo.insertMessages([
          {
            sessionId: session.id,
            parentId: old.parentId,
            role: 'assistant',
            source: 'model',
            content: '',
            turnNo: old.turnNo,
            slotNo: old.slotNo,
            state: 'streaming',
            createdAt: clock.now(),
          },
        ]);
        if (!fresh) throw new Error('candidate not stored');
        const label = shownCandidates(turn).find((c) => c.message.id === old.id)?.label ?? '?';
        return { session, old, fresh, label, messages: contextMessages(state, turn.user.content, turn.row.turnNo) };
      });
      return streamCalls(
        {
          type: 'replaced',
          replaces: started.old.id,
          candidate: {
            id: started.fresh.id,
            label: started.label,
            content: '',
            state: 'streaming',
            finishReason: null,
            error: null,
          },
        },
        started.session,
        [{ message: started.fresh, label: started.label }],
        started.messages,
        signal,
      );
    },

    /** Stops a streaming candidate; what it received stays, and it may be chosen as it stands. */
    async stop(user: SessionUser, leaseId: string, candidateId: string): Promise<{ stopped: boolean }> {
      const session = await sessionFor(user, leaseId);
      const message = await createChatsRepository(db).findMessage(session.id, candidateId);
      if (message?.source !== 'model') throw chatErrors.candidateNotFound();
      return { stopped: runner.stop(candidateId) };
    },

    async saveDraft(user: SessionUser, leaseId: string, turnNo: number, body: ChatTurnDraftBody) {
      const { session } = await writable(user, leaseId);
      if (session.state !== 'open') throw chatErrors.submitted();
      const turn = turnOf(await load(session), turnNo);
      if (turn.row.completedAt !== null) throw chatErrors.turnCompleted(turnNo);
      await createChatsRepository(db).saveTurnDraft(session.id, turnNo, body);
      return { savedAt: clock.now().toISOString() };
    },

    /**
     * Completes a turn: answers checked against the per-turn template over its candidates, the chosen reply among the
     * best of the preference answer, the edit stored as a sibling with its diff (an SFT demonstration).
     */
    async completeTurn(
      user: SessionUser,
      leaseId: string,
      turnNo: number,
      body: CompleteChatTurnBody,
    ): Promise<ChatSession> {
      const { project, session: found } = await writable(user, leaseId);
      await db.transaction(async (tx) => {
        const repo = createChatsRepository(tx);
        const session = await repo.lockSession(found.id);
        if (session?.state !== 'open') throw chatErrors.submitted();
        const turn = turnOf(await load(session, tx), turnNo);
        if (turn.row.completedAt !== null) throw chatErrors.turnCompleted(turnNo);
        const shown = shownCandidates(turn);
        if (shown.some(({ message }) => message.state === 'streaming')) throw chatErrors.stillStreaming();
        const ids = shown.map(({ message }) => message.id);
        const problems = checkAnswers(project.settings.questions, ids, body.answers);
        if (problems.length > 0) throw annotationErrors.invalidAnswers(problems);
        const chosen = shown.find(({ message }) => message.id === body.chosenId);
        if (!chosen) throw chatErrors.candidateNotFound();
        if (chosen.message.state !== 'done' && chosen.message.state !== 'stopped') {
          throw chatErrors.notChoosable(chosen.label, chosen.message.state);
        }
        const preferenceQuestion = project.settings.questions.find(expressesPreference);
        const preference = preferenceQuestion ? preferenceView(body.answers[preferenceQuestion.id], ids) : undefined;
        if (preference && !(preference.groups[0] ?? []).includes(body.chosenId)) {
          throw chatErrors.chosenNotPreferred(chosen.label);
        }
        let editMessageId: string | null = null;
        if (body.editedText !== undefined && body.editedText !== chosen.message.content) {
          const [edit] = await repo.insertMessages([
            {
              sessionId: session.id,
              parentId: turn.user.id,
              role: 'assistant',
              source: 'edit',
              content: body.editedText,
              turnNo,
              editedFromId: chosen.message.id,
              editDiff: wordDiff(chosen.message.content, body.editedText),
              createdAt: clock.now(),
            },
          ]);
          editMessageId = edit?.id ?? null;
        }
        await repo.completeTurn(session.id, turnNo, {
          answers: body.answers,
          chosenMessageId: chosen.message.id,
          editMessageId,
          completedAt: clock.now(),
        });
      });
      const session = (await createChatsRepository(db).findSession(found.itemId, user.id)) ?? found;
      return sessionView(await load(session), leaseId);
    },

    /**
     * Inside the submit transaction (annotations.service.ts): what keeps the conversation from being submitted (no
     * completed turn, a turn left open); when nothing does, the conversation is closed in the same transaction.
     */
    async submissionProblems(tx: Tx, lease: { itemId: string; userId: string }): Promise<AnswerProblem[]> {
      const repo = createChatsRepository(tx);
      const session = await repo.findSession(lease.itemId, lease.userId);
      if (!session) return [{ path: ['conversation'], message: 'the conversation has no turn yet' }];
      const locked = (await repo.lockSession(session.id)) ?? session;
      if (locked.state === 'submitted') return [];
      const turns = await repo.turnsOf(session.id);
      const open = turns.find((t) => t.completedAt === null);
      if (open) return [{ path: ['conversation', open.turnNo], message: `turn ${open.turnNo} is not answered yet` }];
      if (turns.length === 0) return [{ path: ['conversation'], message: 'the conversation has no turn yet' }];
      await repo.markSubmitted(session.id, clock.now());
      return [];
    },

    /** The submitted conversations behind annotations, for exports (chats.export.ts). */
    exportConversations: (pairs: readonly { itemId: string; userId: string }[]) => exportConversations(db, pairs),

    /** Stops every stream (server shutdown). */
    close: () => runner.stopAll(),
  };
}
export type ChatsService = ReturnType<typeof createChatsService>;
