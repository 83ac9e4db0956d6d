import type { Message, MessageRole } from '@feedbench/shared';

/** Anthropic's HH-RLHF speaker names (Bai et al. 2022): "\n\nHuman: ..." and "\n\nAssistant: ...". */
const HH_SPEAKERS: Record<MessageRole, string> = { system: 'System', user: 'Human', assistant: 'Assistant' };
const PLAIN_SPEAKERS: Record<MessageRole, string> = { system: 'System', user: 'User', assistant: 'Assistant' };

/** An HH-RLHF transcript: every turn as "\n\nSpeaker: content", the reply as the last Assistant turn. */
export function hhTranscript(conversation: readonly Message[], reply: string): string {
  let text = '';
  for (const m of conversation) text += `\n\n${HH_SPEAKERS[m.role]}: ${m.content}`;
  return `${text}\n\nAssistant: ${reply}`;
}

/**
 * A conversation as a plain-text prompt for base-model SFT (TRL's standard prompt-completion format): turns as
 * "Speaker: content" separated by blank lines, ending with "Assistant:"; the completion is the reply after one space,
 * so prompt + completion reads as one transcript.
 */
export function plainPrompt(conversation: readonly Message[]): string {
  return [...conversation.map((m) => `${PLAIN_SPEAKERS[m.role]}: ${m.content}`), 'Assistant:'].join('\n\n');
}

export const plainCompletion = (reply: string) => ` ${reply}`;
