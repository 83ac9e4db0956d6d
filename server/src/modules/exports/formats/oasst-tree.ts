import type { OasstNode } from '@feedbench/shared';
import type { ChatExportConversation, ChatExportNode } from '../../chats/chats.export.ts';
import { annotatorPseudonym } from '../annotator-pseudonym.ts';
import { provenanceColumns } from '../chat-turns.ts';
import type { ExportAnnotation, ExportItem } from '../exports.repository.ts';
import { preferenceOf, type TemplateView } from '../judgements.ts';
import { competitionRanks } from '../ranking-pairs.ts';

/**
 * A submitted conversation as an Open-Assistant message tree (Köpf et al. 2023, "OpenAssistant Conversations"): the
 * first non-system message is the root prompt, every node lists its replies, the K candidates of a turn are sibling
 * assistant replies ranked by the turn's preference answer, the annotator's edit of the chosen reply is one more
 * sibling (`source: "edit"`, with its diff), and regenerated candidates stay as unranked siblings.
 */
export function oasstTreeLine(
  item: ExportItem,
  annotation: ExportAnnotation,
  conversation: ChatExportConversation,
  projectId: string,
  template: TemplateView,
): object | undefined {
  const annotator = annotatorPseudonym(projectId, annotation.userId);
  const ranks = new Map<string, number>();
  const ratings = new Map<string, Record<string, number>>();
  const chosen = new Set<string>();
  for (const turn of conversation.turns) {
    chosen.add(turn.editId ?? turn.chosenId);
    const question = template.preferenceQuestion;
    const preference = question ? preferenceOf(turn.answers[question.id], turn.shownIds) : undefined;
    if (preference) for (const [id, rank] of competitionRanks(preference.groups)) ranks.set(id, rank - 1);
    for (const { id } of template.ratingQuestions) {
      const answer = turn.answers[id];
      if (answer?.type !== 'rating') continue;
      for (const [nodeId, value] of Object.entries(answer.values)) {
        ratings.set(nodeId, { ...(ratings.get(nodeId) ?? {}), [id]: value });
      }
    }
  }
  const children = new Map<string | null, ChatExportNode[]>();
  for (const node of conversation.nodes) {
    const list = children.get(node.parentId) ?? [];
    list.push(node);
    children.set(node.parentId, list);
  }
  const toNode = (node: ChatExportNode, parentId: string | null): OasstNode => ({
    message_id: node.id,
    parent_id: parentId,
    user_id: node.source === 'model' || node.source === 'import' ? null : annotator,
    text: node.content,
    role: node.role === 'assistant' ? 'assistant' : 'prompter',
    created_date: node.createdAt.toISOString(),
    synthetic: node.source === 'model',
    model_name: node.source === 'model' ? node.provenance?.model || null : null,
    rank: ranks.get(node.id) ?? null,
    ratings: ratings.get(node.id) ?? {},
    source: node.source,
    chosen: chosen.has(node.id),
    regenerated: node.superseded,
    edited_from: node.editedFromId,
    edit_diff: node.editDiff,
    provenance: node.source === 'model' ? provenanceColumns(node) : null,
    replies: (children.get(node.id) ?? []).map((child) => toNode(child, node.id)),
  });
  // System messages are not tree nodes in Open-Assistant: a leading system turn becomes the tree's system prompt.
  let root = children.get(null)?.[0];
  const system: string[] = conversation.systemPrompt ? [conversation.systemPrompt] : [];
  while (root && root.role === 'system') {
    system.push(root.content);
    root = children.get(root.id)?.[0];
  }
  if (!root) return undefined;
  return {
    message_tree_id: conversation.id,
    tree_state: 'ready_for_export',
    item_id: item.externalId,
    annotator,
    system_prompt: system.join('\n\n') || null,
    models: conversation.candidates.map((slot, index) => {
      const used = conversation.nodes.find((n) => n.slotNo === index && n.provenance?.model);
      return {
        slot: index,
        connection_id: slot.connectionId,
        model: used?.provenance?.model ?? null,
        params: slot.params,
      };
    }),
    tokens_used: conversation.tokensUsed,
    prompt: toNode(root, null),
  };
}
