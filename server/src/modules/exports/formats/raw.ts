import type { Answers, ExportJudgeLine } from '@feedbench/shared';
import { annotatorPseudonym } from '../annotator-pseudonym.ts';
import type { ChatUnit } from '../chat-turns.ts';
import type { PreparedItem } from '../judgements.ts';

/** A chat turn's place in its conversation: which candidate was chosen, the edit (an SFT demonstration) and its diff. */
function chatColumns({ turn }: ChatUnit) {
  return {
    conversation_id: turn.conversation.id,
    turn: turn.turnNo,
    system_prompt: turn.conversation.systemPrompt,
    chosen_id: turn.chosenId,
    edit: turn.edit ? { id: turn.edit.id, text: turn.edit.content, diff: turn.edit.editDiff ?? [] } : null,
    tokens_used: turn.conversation.tokensUsed,
  };
}

/**
 * Every annotation as stored, enough to recompute everything elsewhere: the pseudonymous annotator, all answers, the
 * display order they saw, template and guidelines versions, lease, timestamps and time on task, the review verdict
 * and a reviewer's correction beside the untouched answers, with the item.
 */
export function* rawLines({ item }: PreparedItem, projectId: string, chat?: ChatUnit): Generator<object> {
  // Sampled outputs (generation jobs, chat candidates) carry the provenance of their call (connection, parameters,
  // finish reason, usage, latency); a reward score carries the scoring job's, when one set it.
  const outputs = item.outputs.map((o) => ({
    id: o.id,
    model: o.model,
    content: o.content,
    ...(o.provenance ? { provenance: o.provenance } : {}),
    score: o.score ?? null,
    score_provenance: o.scoreProvenance ?? null,
  }));
  for (const annotation of item.annotations) {
    yield {
      annotation_id: annotation.id,
      item_id: item.externalId,
      annotator: annotatorPseudonym(projectId, annotation.userId),
      prompt: item.conversation,
      outputs,
      metadata: item.metadata,
      answers: annotation.storedAnswers,
      display_order: annotation.displayOrder,
      template_version: annotation.templateVersion,
      guidelines_version: annotation.guidelinesVersion,
      lease_id: annotation.leaseId,
      started_at: annotation.startedAt.toISOString(),
      submitted_at: annotation.submittedAt.toISOString(),
      time_on_task_ms: annotation.timeOnTaskMs,
      review: annotation.review,
      corrected_answers: annotation.correctedAnswers,
      reference: item.reference,
      ...(chat ? { chat: chatColumns(chat) } : {}),
    };
  }
}

/** A model judge's stored answer to an item, as the judges module hands it to exports. */
export interface JudgeExportAnswer {
  judgeId: string;
  name: string;
  model: string;
  answers: Answers;
  displayOrder: string[];
  templateVersion: number;
  answeredAt: Date;
  latencyMs: number;
}

/** The item's judge answers as raw lines of their own (`includeJudges`), each naming its judge and model. */
export function* rawJudgeLines(
  { item }: PreparedItem,
  answers: readonly JudgeExportAnswer[],
): Generator<ExportJudgeLine> {
  const outputs = item.outputs.map((o) => ({ id: o.id, model: o.model, content: o.content }));
  for (const answer of answers) {
    yield {
      item_id: item.externalId,
      annotator: { kind: 'judge', judge_id: answer.judgeId, name: answer.name, model: answer.model },
      prompt: item.conversation,
      outputs,
      metadata: item.metadata,
      answers: answer.answers,
      display_order: answer.displayOrder,
      template_version: answer.templateVersion,
      answered_at: answer.answeredAt.toISOString(),
      latency_ms: answer.latencyMs,
    };
  }
}
