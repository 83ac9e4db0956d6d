import {
  type ConvertedLine,
  extraFields,
  type ImportConverter,
  isRecord,
  itemIdFor,
  pairOutputs,
  type SourceProblem,
} from './converted-line.ts';
import { splitTranscripts } from './hh-rlhf.ts';

const KNOWN = ['prompt', 'chosen', 'rejected'];

/** A completion: a string (standard format) or exactly one assistant message (conversational format). */
function replyOf(value: unknown, field: string): string | SourceProblem {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length === 1) {
    const [message] = value;
    if (isRecord(message) && message.role === 'assistant' && typeof message.content === 'string')
      return message.content;
  }
  return {
    field,
    message: 'expected a string or one {"role": "assistant", "content": "..."} message',
    code: 'format_field',
    params: { rule: 'trl_completion' },
  };
}

/**
 * TRL's implicit-prompt form: no `prompt`, `chosen` and `rejected` are whole conversations (message lists that
 * differ only in the last assistant turn) or whole HH-style transcripts.
 */
function implicitPrompt(chosen: unknown, rejected: unknown) {
  if (typeof chosen === 'string' && typeof rejected === 'string') {
    const split = splitTranscripts(chosen, rejected);
    return 'message' in split
      ? split
      : { prompt: split.conversation, chosen: split.chosenReply, rejected: split.rejectedReply };
  }
  if (Array.isArray(chosen) && Array.isArray(rejected) && chosen.length >= 2 && chosen.length === rejected.length) {
    const prompt = chosen.slice(0, -1);
    if (JSON.stringify(prompt) === JSON.stringify(rejected.slice(0, -1))) {
      const chosenReply = replyOf(chosen.slice(-1), 'chosen');
      const rejectedReply = replyOf(rejected.slice(-1), 'rejected');
      if (typeof chosenReply !== 'string') return chosenReply;
      if (typeof rejectedReply !== 'string') return rejectedReply;
      return { prompt, chosen: chosenReply, rejected: rejectedReply };
    }
  }
  return {
    field: 'prompt',
    message: 'required, unless chosen and rejected are conversations sharing all but the last turn',
    code: 'format_field' as const,
    params: { rule: 'trl_prompt' },
  };
}

/** TRL preference lines (explicit or implicit prompt, standard or conversational) into two-output ranking items. */
export const trlPreferenceImport: ImportConverter = {
  kind: 'ranking',
  convert(json): ConvertedLine | { problems: SourceProblem[] } {
    if (!isRecord(json))
      return { problems: [{ field: '(line)', message: 'expected an object', code: 'expected_object' }] };
    let pair: { prompt: unknown; chosen: string; rejected: string } | SourceProblem;
    if (json.prompt === undefined) {
      pair = implicitPrompt(json.chosen, json.rejected);
    } else {
      const chosen = replyOf(json.chosen, 'chosen');
      const rejected = replyOf(json.rejected, 'rejected');
      const problems = [chosen, rejected].filter((r): r is SourceProblem => typeof r !== 'string');
      if (problems.length > 0) return { problems };
      pair = { prompt: json.prompt, chosen: chosen as string, rejected: rejected as string };
    }
    if ('message' in pair) return { problems: [pair] };
    const { id, derived } = itemIdFor(json, 'pref', [pair.prompt, pair.chosen, pair.rejected]);
    const { outputs, reference } = pairOutputs(id, pair.chosen, pair.rejected);
    return {
      item: { id, prompt: pair.prompt, outputs, metadata: extraFields(json, KNOWN) },
      reference,
      derivedId: derived,
    };
  },
};
