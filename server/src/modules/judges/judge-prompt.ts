import { labelChoices, type Message, type Question } from '@feedbench/shared';
import type { ChatMessage } from './model-client.types.ts';

/** Output labels as annotators see them (A, B, ...), by display position. */
export function judgeLabel(position: number): string {
  return String.fromCharCode(65 + position);
}

export interface JudgePromptInput {
  guidelines: string;
  /** The judge's own extra instructions (after the guidelines). */
  instructions: string;
  conversation: readonly Message[];
  /** The outputs in the order shown, labelled A, B, ... */
  outputs: readonly { label: string; content: string }[];
  questions: readonly Question[];
}

/**
 * The judge's chat: a system turn with the role, the project's guidelines and the judge's instructions; a user turn
 * with the conversation, the outputs labelled in their (random) display order and the questions. Outputs are named
 * by label only, so the judge sees what a blind annotator sees (no model names, no real ids).
 */
export function judgeMessages(input: JudgePromptInput): ChatMessage[] {
  const system = [
    'You are an expert annotator judging AI assistant outputs for a human-feedback dataset.',
    'Answer every question of the template exactly as a careful human annotator following the guidelines would.',
    'Refer to outputs only by their labels (A, B, ...). Reply with one JSON object that matches the given schema.',
    input.guidelines.trim() === '' ? '' : `# Guidelines\n\n${input.guidelines.trim()}`,
    input.instructions.trim() === '' ? '' : `# Additional instructions\n\n${input.instructions.trim()}`,
  ].filter((part) => part !== '');
  const conversation = input.conversation.map((m) => `[${m.role}]\n${m.content}`).join('\n\n');
  const outputs = input.outputs.map((o) => `## Output ${o.label}\n\n${o.content}`).join('\n\n');
  const questions = input.questions.map(
    (q) => `- ${q.id} (${q.type}${q.required ? ', required' : ''}): ${q.label}${questionDetails(q)}`,
  );
  const user = [
    `# Conversation\n\n${conversation}`,
    input.outputs.length > 0 ? `# Outputs\n\n${outputs}` : '',
    `# Questions\n\n${questions.join('\n')}`,
  ].filter((part) => part !== '');
  return [
    { role: 'system', content: system.join('\n\n') },
    { role: 'user', content: user.join('\n\n') },
  ];
}

/** What a human sees beside the label: the help text, the named choices (the schema holds only their ids), the scale. */
function questionDetails(question: Question): string {
  const parts: string[] = [];
  if (question.help !== '') parts.push(question.help);
  const choices = labelChoices(question) ?? [];
  if (choices.length > 0) {
    parts.push(choices.map((c) => `${c.id} = ${c.label}${c.description ? ` (${c.description})` : ''}`).join('; '));
  }
  if ('min' in question && 'max' in question) parts.push(`scale ${question.min} (worst) to ${question.max} (best)`);
  return parts.length > 0 ? `. ${parts.join('. ')}` : '';
}
