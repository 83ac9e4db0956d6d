import type { PreparedItem } from '../judgements.ts';
import { plainCompletion, plainPrompt } from './transcript.ts';

const assistant = (content: string) => [{ role: 'assistant' as const, content }];

/** OpenAI chat fine-tuning: `{"messages": [...conversation, assistant reply]}`. */
export function* openaiChatLines({ item, completions }: PreparedItem): Generator<object> {
  for (const reply of completions) yield { messages: [...item.conversation, ...assistant(reply)] };
}

/** TRL conversational prompt-completion (SFTTrainer): `{"prompt": [...], "completion": [assistant]}`. */
export function* trlSftLines({ item, completions }: PreparedItem): Generator<object> {
  for (const reply of completions) yield { prompt: item.conversation, completion: assistant(reply) };
}

/** TRL standard prompt-completion: the conversation as plain text (see `plainPrompt`). */
export function* trlSftTextLines({ item, completions }: PreparedItem): Generator<object> {
  if (completions.length === 0) return;
  const prompt = plainPrompt(item.conversation);
  for (const reply of completions) yield { prompt, completion: plainCompletion(reply) };
}
