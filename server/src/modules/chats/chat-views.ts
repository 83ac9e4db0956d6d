import type { ChatCandidate, ChatSession, ChatTurn, Message } from '@feedbench/shared';
import { outputLabel } from '../assignment/display-order.ts';
import type { ChatMessageRow, ChatSessionRow, ChatTurnRow } from './chats.repository.ts';

/** One turn's rows: its user message, its current candidates by slot (regenerated ones superseded), its edit. */
export interface TurnState {
  row: ChatTurnRow;
  user: ChatMessageRow;
  /** Slot -> the candidate now shown in it. */
  current: Map<number, ChatMessageRow>;
  edit: ChatMessageRow | undefined;
}

/** The conversation read back as a tree: the imported prefix chain and the turns in order. */
export interface ConversationState {
  session: ChatSessionRow;
  prefix: ChatMessageRow[];
  turns: TurnState[];
}

/**
 * The imported prefix in conversation order, walked from the root down the parent links (its nodes share one
 * creation instant, so no column orders them).
 */
export function prefixChain<T extends { id: string; parentId: string | null; turnNo: number }>(
  nodes: readonly T[],
): T[] {
  const prefix = nodes.filter((n) => n.turnNo === 0);
  const childOf = new Map(prefix.map((n) => [n.parentId, n]));
  const chain: T[] = [];
  for (let node = childOf.get(null); node; node = childOf.get(node.id)) chain.push(node);
  return chain;
}

export function conversationState(
  session: ChatSessionRow,
  messages: readonly ChatMessageRow[],
  turnRows: readonly ChatTurnRow[],
): ConversationState {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const prefix = prefixChain(messages);
  const turns = turnRows.flatMap((row) => {
    const user = byId.get(row.userMessageId);
    if (!user) return [];
    const current = new Map<number, ChatMessageRow>();
    for (const m of messages) {
      if (m.parentId === user.id && m.source === 'model' && !m.superseded && m.slotNo !== null)
        current.set(m.slotNo, m);
    }
    const edit = row.editMessageId ? byId.get(row.editMessageId) : undefined;
    return [{ row, user, current, edit }];
  });
  return { session, prefix, turns };
}

/** The candidates of a turn in the order shown, labelled A, B, ... by position. */
export function shownCandidates(turn: TurnState): { message: ChatMessageRow; label: string }[] {
  return turn.row.displayOrder.flatMap((slot, position) => {
    const message = turn.current.get(slot);
    return message ? [{ message, label: outputLabel(position) }] : [];
  });
}

/** A candidate as the annotator sees it: no connection, model or parameters (blindness). */
export function candidateView(message: ChatMessageRow, label: string): ChatCandidate {
  return {
    id: message.id,
    label,
    content: message.content,
    state: message.state,
    finishReason: message.provenance?.finishReason ?? null,
    error: message.error ?? null,
  };
}

export function turnView(turn: TurnState): ChatTurn {
  const completed = turn.row.completedAt !== null;
  return {
    turnNo: turn.row.turnNo,
    user: { id: turn.user.id, content: turn.user.content },
    candidates: shownCandidates(turn).map(({ message, label }) => candidateView(message, label)),
    answers: completed ? turn.row.answers : turn.row.draftAnswers,
    draftEdit: turn.row.draftEdit,
    chosenId: turn.row.chosenMessageId,
    edited: turn.edit ? { id: turn.edit.id, content: turn.edit.content } : null,
    completed,
  };
}

export function deadlineOf(session: ChatSessionRow): Date {
  return new Date(session.startedAt.getTime() + session.timeBudgetMinutes * 60_000);
}

export function sessionView(state: ConversationState, leaseId: string): ChatSession {
  const { session } = state;
  return {
    id: session.id,
    leaseId,
    state: session.state,
    systemPrompt: session.systemPrompt,
    prefix: state.prefix.map((m) => ({ role: m.role, content: m.content })),
    turns: state.turns.map(turnView),
    turnLimit: session.turnLimit,
    tokenBudget: session.tokenBudget,
    tokensUsed: session.tokensUsed,
    startedAt: session.startedAt.toISOString(),
    deadline: deadlineOf(session).toISOString(),
  };
}

/** The reply a completed turn continues with: the annotator's edit, else the candidate they chose. */
export function replyOf(turn: TurnState): ChatMessageRow | undefined {
  if (turn.edit) return turn.edit;
  const chosen = turn.row.chosenMessageId;
  return chosen ? [...turn.current.values()].find((m) => m.id === chosen) : undefined;
}

/**
 * What the models are sent for the next reply: the system prompt, the prefix, every completed turn with the reply it
 * continued from, and the new user turn.
 */
export function contextMessages(state: ConversationState, userContent: string, beforeTurn: number): Message[] {
  const messages: Message[] = [];
  if (state.session.systemPrompt) messages.push({ role: 'system', content: state.session.systemPrompt });
  for (const m of state.prefix) messages.push({ role: m.role, content: m.content });
  for (const turn of state.turns) {
    if (turn.row.turnNo >= beforeTurn) break;
    const reply = replyOf(turn);
    messages.push({ role: 'user', content: turn.user.content });
    if (reply) messages.push({ role: 'assistant', content: reply.content });
  }
  messages.push({ role: 'user', content: userContent });
  return messages;
}

/** The node a new user turn hangs under: the last completed turn's reply, else the end of the prefix. */
export function leafOf(state: ConversationState): string | null {
  const last = state.turns.at(-1);
  const reply = last ? replyOf(last) : undefined;
  return reply?.id ?? state.prefix.at(-1)?.id ?? null;
}
