import type { ExportRecord } from '../exports.repository.ts';

/**
 * OpenAI chat fine-tuning lines: `{"messages": [...conversation, {"role": "assistant", "content": reply}]}`, one per
 * written demonstration.
 */
export function* openaiChatLines(record: ExportRecord): Generator<unknown> {
  for (const answer of Object.values(record.answers)) {
    if (answer.type !== 'demonstration') continue;
    yield { messages: [...record.conversation, { role: 'assistant', content: answer.text }] };
  }
}
