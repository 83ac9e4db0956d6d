import { annotatorPseudonym } from '../annotator-pseudonym.ts';
import type { PreparedItem } from '../judgements.ts';

/**
 * Every annotation as stored, enough to recompute everything elsewhere: the pseudonymous annotator, all answers, the
 * display order they saw, template and guidelines versions, lease, timestamps and time on task, the review verdict
 * and a reviewer's correction beside the untouched answers, with the item.
 */
export function* rawLines({ item }: PreparedItem, projectId: string): Generator<object> {
  const outputs = item.outputs.map((o) => ({ id: o.id, model: o.model, content: o.content }));
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
    };
  }
}
