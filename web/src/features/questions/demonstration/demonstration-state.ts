import type { Question } from '@feedbench/shared';
import { current, type EditState, put } from '../edit-state.ts';

/** The text of a demonstration (or of a rationale: both are written answers). */
export function setText(state: EditState, question: Question, text: string): EditState {
  if (question.type === 'rationale') return put(state, question.id, { type: 'rationale', text });
  const previous = current(state, question.id, 'demonstration');
  return put(state, question.id, { ...previous, type: 'demonstration', text });
}

export function setNextUserTurn(state: EditState, questionId: string, nextUserTurn: string): EditState {
  const previous = current(state, questionId, 'demonstration');
  return put(state, questionId, { type: 'demonstration', text: previous?.text ?? '', ...previous, nextUserTurn });
}

/** Switches the output a rewrite starts from, restarting the edit from that output's text. */
export function setRewriteSource(state: EditState, questionId: string, output: { id: string; content: string }) {
  return put(state, questionId, { type: 'demonstration', text: output.content, sourceOutputId: output.id });
}
