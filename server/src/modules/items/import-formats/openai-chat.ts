import {
  type ConvertedLine,
  extraFields,
  type ImportConverter,
  isRecord,
  itemIdFor,
  type SourceProblem,
} from './converted-line.ts';

/**
 * OpenAI chat fine-tuning lines `{"messages": [..., {"role": "assistant", "content": reply}]}` into demonstration
 * items: the conversation before the last assistant turn is the prompt, the reply is kept as the reference
 * demonstration (to compare with what annotators write, or to re-annotate).
 */
export const openaiChatImport: ImportConverter = {
  kind: 'demonstration',
  convert(json): ConvertedLine | { problems: SourceProblem[] } {
    if (!isRecord(json) || !Array.isArray(json.messages)) {
      return {
        problems: [
          {
            field: 'messages',
            message: 'required: an array of {"role", "content"} messages',
            code: 'format_field',
            params: { rule: 'openai_messages' },
          },
        ],
      };
    }
    const last = json.messages.at(-1);
    if (!isRecord(last) || last.role !== 'assistant' || typeof last.content !== 'string') {
      return {
        problems: [
          {
            field: `messages.${json.messages.length - 1}`,
            message: 'the last message must be the assistant reply',
            code: 'format_field',
            params: { rule: 'openai_last_assistant' },
          },
        ],
      };
    }
    const prompt = json.messages.slice(0, -1);
    const { id, derived } = itemIdFor(json, 'chat', json.messages);
    return {
      item: { id, prompt, metadata: extraFields(json, ['messages']) },
      reference: { type: 'demonstration', text: last.content },
      derivedId: derived,
    };
  },
};
