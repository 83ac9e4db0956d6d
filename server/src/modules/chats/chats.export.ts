import type { Answers, ChatCandidateSlot, DiffPart, MessageRole } from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import { createChatsRepository } from './chats.repository.ts';
import type { ChatMessageProvenance } from './chats.schema.ts';

/** One node of a conversation tree as exports read it (every node, superseded candidates included). */
export interface ChatExportNode {
  id: string;
  parentId: string | null;
  role: MessageRole;
  source: 'import' | 'annotator' | 'model' | 'edit';
  content: string;
  turnNo: number;
  slotNo: number | null;
  state: string;
  superseded: boolean;
  provenance: ChatMessageProvenance | null;
  error: { kind: string; message: string } | null;
  editedFromId: string | null;
  editDiff: DiffPart[] | null;
  createdAt: Date;
}

export interface ChatExportTurn {
  turnNo: number;
  userMessageId: string;
  /** Candidate ids in the order shown (label A first). */
  shownIds: string[];
  answers: Answers;
  chosenId: string;
  editId: string | null;
  completedAt: Date;
}

/** A submitted conversation: what the exports need to write its turns and its tree. */
export interface ChatExportConversation {
  id: string;
  itemId: string;
  userId: string;
  systemPrompt: string;
  candidates: ChatCandidateSlot[];
  startedAt: Date;
  tokensUsed: number;
  nodes: ChatExportNode[];
  /** Completed turns in order. */
  turns: ChatExportTurn[];
}

/**
 * The submitted conversations behind annotations (by item and annotator), for the exports module: one batch of
 * queries per export page.
 */
export async function exportConversations(
  db: Database,
  pairs: readonly { itemId: string; userId: string }[],
): Promise<Map<string, ChatExportConversation>> {
  const repo = createChatsRepository(db);
  const found = await repo.sessionsFor(pairs);
  const { sessions, messages, turns } = await repo.conversations(found.map((s) => s.id));
  const result = new Map<string, ChatExportConversation>();
  for (const session of sessions) {
    if (session.state !== 'submitted') continue;
    const nodes = messages.filter((m) => m.sessionId === session.id);
    const exportTurns = turns.flatMap((turn) => {
      if (turn.sessionId !== session.id || !turn.completedAt || !turn.answers || !turn.chosenMessageId) return [];
      const current = new Map(
        nodes
          .filter((m) => m.parentId === turn.userMessageId && m.source === 'model' && !m.superseded)
          .map((m) => [m.slotNo, m.id]),
      );
      return [
        {
          turnNo: turn.turnNo,
          userMessageId: turn.userMessageId,
          shownIds: turn.displayOrder.flatMap((slot) => current.get(slot) ?? []),
          answers: turn.answers,
          chosenId: turn.chosenMessageId,
          editId: turn.editMessageId,
          completedAt: turn.completedAt,
        },
      ];
    });
    result.set(`${session.itemId}:${session.userId}`, {
      id: session.id,
      itemId: session.itemId,
      userId: session.userId,
      systemPrompt: session.systemPrompt,
      candidates: session.candidates,
      startedAt: session.startedAt,
      tokensUsed: session.tokensUsed,
      nodes: nodes.map((m) => ({
        id: m.id,
        parentId: m.parentId,
        role: m.role,
        source: m.source,
        content: m.content,
        turnNo: m.turnNo,
        slotNo: m.slotNo,
        state: m.state,
        superseded: m.superseded,
        provenance: m.provenance,
        error: m.error,
        editedFromId: m.editedFromId,
        editDiff: m.editDiff,
        createdAt: m.createdAt,
      })),
      turns: exportTurns,
    });
  }
  return result;
}
