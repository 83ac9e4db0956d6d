import type { Message, MessageRole } from '@feedbench/shared';
import {
  type ConvertedLine,
  extraFields,
  type ImportConverter,
  isRecord,
  itemIdFor,
  pairOutputs,
  type SourceProblem,
} from './converted-line.ts';

const REPLY_MARKER = '\n\nAssistant:';
/** Speakers as the HH-RLHF export writes them (see exports/formats/transcript.ts); "System" is our addition. */
const SPEAKERS: Record<string, MessageRole> = { Human: 'user', Assistant: 'assistant', System: 'system' };
const TURN = /\n\n(Human|Assistant|System):/g;

/**
 * Splits two HH-RLHF transcripts (Bai et al. 2022) into the conversation they share and their two final replies: the
 * split is the last "\n\nAssistant:" inside their common prefix. One space after a speaker's colon is the separator,
 * not content.
 */
export function splitTranscripts(
  chosen: string,
  rejected: string,
): { conversation: Message[]; chosenReply: string; rejectedReply: string } | SourceProblem {
  let common = 0;
  const shorter = Math.min(chosen.length, rejected.length);
  while (common < shorter && chosen.charCodeAt(common) === rejected.charCodeAt(common)) common++;
  const split = common < REPLY_MARKER.length ? -1 : chosen.lastIndexOf(REPLY_MARKER, common - REPLY_MARKER.length);
  if (split < 0)
    return {
      field: 'chosen',
      message: 'chosen and rejected share no "\\n\\nAssistant:" turn',
      code: 'format_field',
      params: { rule: 'hh_shared_turn' },
    };
  const conversation = parseTurns(chosen.slice(0, split));
  if ('message' in conversation) return conversation;
  const reply = (text: string) => withoutSeparator(text.slice(split + REPLY_MARKER.length));
  return { conversation, chosenReply: reply(chosen), rejectedReply: reply(rejected) };
}

function parseTurns(text: string): Message[] | SourceProblem {
  const markers = [...text.matchAll(TURN)];
  if (markers.length === 0 || markers[0]?.index !== 0) {
    return {
      field: 'chosen',
      message: 'a transcript starts with "\\n\\nHuman: "',
      code: 'format_field',
      params: { rule: 'hh_human_first' },
    };
  }
  const turns = markers.map((marker, i) => ({
    role: SPEAKERS[marker[1] as string] as MessageRole,
    content: withoutSeparator(text.slice((marker.index ?? 0) + marker[0].length, markers[i + 1]?.index ?? text.length)),
  }));
  if (turns.at(-1)?.role !== 'user') {
    return {
      field: 'chosen',
      message: 'the turn before the final Assistant reply must be Human',
      code: 'format_field',
      params: { rule: 'hh_human_before_reply' },
    };
  }
  return turns;
}

const withoutSeparator = (text: string) => (text.startsWith(' ') ? text.slice(1) : text);

/** `{"chosen": transcript, "rejected": transcript}` lines into two-output ranking items, the chosen one as reference. */
export const hhRlhfImport: ImportConverter = {
  kind: 'ranking',
  convert(json): ConvertedLine | { problems: SourceProblem[] } {
    if (!isRecord(json) || typeof json.chosen !== 'string' || typeof json.rejected !== 'string') {
      return {
        problems: [
          {
            field: '(line)',
            message: 'expected {"chosen": "...", "rejected": "..."} transcripts',
            code: 'format_field',
            params: { rule: 'hh_transcripts' },
          },
        ],
      };
    }
    const split = splitTranscripts(json.chosen, json.rejected);
    if ('message' in split) return { problems: [split] };
    const { id, derived } = itemIdFor(json, 'hh', [json.chosen, json.rejected]);
    const { outputs, reference } = pairOutputs(id, split.chosenReply, split.rejectedReply);
    return {
      item: { id, prompt: split.conversation, outputs, metadata: extraFields(json, ['chosen', 'rejected']) },
      reference,
      derivedId: derived,
    };
  },
};
