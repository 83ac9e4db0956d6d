import { z } from 'zod';
import { MESSAGE_ROLES } from './constants.ts';

export const messageSchema = z.object({
  role: z.enum(MESSAGE_ROLES),
  content: z.string(),
});
export type Message = z.infer<typeof messageSchema>;

/** A conversation always ends on a user turn: it is what the assistant must answer. */
export const conversationSchema = z.array(messageSchema).min(1);
export type Conversation = z.infer<typeof conversationSchema>;

/** Imports accept a bare string as shorthand for a single user turn. */
export function toConversation(prompt: string | Message[]): Message[] {
  return typeof prompt === 'string' ? [{ role: 'user', content: prompt }] : prompt;
}
