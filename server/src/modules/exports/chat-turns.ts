import type { Message } from '@feedbench/shared';
import { prefixChain } from '../chats/chat-views.ts';
import type { ChatExportConversation, ChatExportNode } from '../chats/chats.export.ts';
import type { ExportAnnotation, ExportItem, ExportOutput } from './exports.repository.ts';

/** A turn of a conversation as an export item: what every per-item format (preference, SFT, rankings, raw) reads. */
export interface ChatTurnItem {
  item: ExportItem;
  conversation: ChatExportConversation;
  turnNo: number;
  /** The reply the conversation continued with: the annotator's edit, else the chosen candidate (an SFT target). */
  reply: ChatExportNode | undefined;
  chosenId: string;
  edit: ChatExportNode | undefined;
}

/** A chat project's export unit: one completed turn of one annotator's conversation. */
export interface ChatUnit {
  turn: ChatTurnItem;
  annotation: ExportAnnotation;
  /** The item as imported (the conversation starter). */
  starter: ExportItem;
  /** The conversation's last turn: per-conversation formats (the message tree) write their line here. */
  last: boolean;
}

/** Provenance columns of a model candidate (researchers only: never in anything an annotator receives). */
export function provenanceColumns(node: ChatExportNode): Record<string, unknown> {
  const p = node.provenance;
  return {
    connection_id: p?.connectionId ?? null,
    model: p?.model || null,
    params: p?.params ?? {},
    finish_reason: p?.finishReason ?? null,
    usage: p?.usage ? { prompt_tokens: p.usage.promptTokens, completion_tokens: p.usage.completionTokens } : null,
    latency_ms: p?.latencyMs ?? null,
    first_token_ms: p?.firstTokenMs ?? null,
    state: node.state,
    error: node.error?.kind ?? null,
  };
}

/**
 * One export item per completed turn of a submitted conversation: the prompt is the conversation prefix (system
 * prompt, imported prefix, earlier turns each with the reply they continued from, this user turn), the outputs are the
 * turn's candidates as shown, and the one annotation carries the turn's answers (Llama 2 collected one preference per
 * turn this way: Touvron et al. 2023, section 3.2.1).
 */
export function chatTurnItems(
  item: ExportItem,
  annotation: ExportAnnotation,
  conversation: ChatExportConversation,
): ChatTurnItem[] {
  const byId = new Map(conversation.nodes.map((n) => [n.id, n]));
  const prompt: Message[] = [];
  if (conversation.systemPrompt) prompt.push({ role: 'system', content: conversation.systemPrompt });
  for (const node of prefixChain(conversation.nodes)) prompt.push({ role: node.role, content: node.content });
  return conversation.turns.flatMap((turn) => {
    const user = byId.get(turn.userMessageId);
    if (!user) return [];
    prompt.push({ role: 'user', content: user.content });
    const outputs: ExportOutput[] = turn.shownIds.flatMap((id) => {
      const node = byId.get(id);
      return node
        ? [
            {
              id: node.id,
              model: node.provenance?.model || null,
              content: node.content,
              provenance: provenanceColumns(node),
            },
          ]
        : [];
    });
    const edit = turn.editId ? byId.get(turn.editId) : undefined;
    const reply = edit ?? byId.get(turn.chosenId);
    const turnItem: ChatTurnItem = {
      item: {
        ...item,
        conversation: [...prompt],
        outputs,
        annotations: [
          {
            ...annotation,
            id: `${annotation.id}:${turn.turnNo}`,
            answers: turn.answers,
            storedAnswers: turn.answers,
            correctedAnswers: null,
            displayOrder: turn.shownIds,
            submittedAt: turn.completedAt,
          },
        ],
        reference: null,
      },
      conversation,
      turnNo: turn.turnNo,
      reply,
      chosenId: turn.chosenId,
      edit,
    };
    if (reply) prompt.push({ role: 'assistant', content: reply.content });
    return [turnItem];
  });
}
