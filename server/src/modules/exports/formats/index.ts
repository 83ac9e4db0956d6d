import type { ExportFormat, TaskKind } from '@feedbench/shared';
import type { ChatUnit } from '../chat-turns.ts';
import type { PreparedItem, TemplateView } from '../judgements.ts';
import { oasstTreeLine } from './oasst-tree.ts';
import { hhRlhfLines, openaiDpoLines, trlKtoLines, trlPreferenceLines } from './preference.ts';
import { rankingsLines } from './rankings.ts';
import { rawLines } from './raw.ts';
import type { SerializedLine } from './serialized-line.ts';
import { openaiChatLines, trlSftLines, trlSftTextLines } from './sft.ts';

export interface FormatContext {
  projectId: string;
  template: TemplateView;
  /** Chat projects only. */
  chat?: ChatUnit;
}

/** One line of an export: an object to serialize, or a line a format has already serialized. */
export type ExportRow = object | SerializedLine;

export interface ExportFormatter {
  /** Project kinds whose annotations the format can express. */
  kinds: readonly TaskKind[];
  /** Objects to stringify, or lines already serialized. */
  lines(prepared: PreparedItem, context: FormatContext): Iterable<ExportRow>;
}

// A chat project's turns are ranking items of their own (chat-turns.ts): every ranking format reads them.
const ranking = ['ranking', 'chat'] as const;
const any = ['demonstration', 'ranking', 'chat'] as const;

export const FORMATTERS: Record<ExportFormat, ExportFormatter> = {
  'openai-chat': { kinds: any, lines: openaiChatLines },
  'trl-sft': { kinds: any, lines: trlSftLines },
  'trl-sft-text': { kinds: any, lines: trlSftTextLines },
  'trl-preference': { kinds: ranking, lines: (p, c) => trlPreferenceLines(p, c.template) },
  'openai-dpo': { kinds: ranking, lines: openaiDpoLines },
  'hh-rlhf': { kinds: ranking, lines: hhRlhfLines },
  'trl-kto': { kinds: ranking, lines: trlKtoLines },
  rankings: { kinds: ranking, lines: rankingsLines },
  raw: { kinds: any, lines: (p, c) => rawLines(p, c.projectId, c.chat) },
  'oasst-message-tree': {
    kinds: ['chat'],
    lines: (_p, c) => {
      const tree = c.chat?.last
        ? oasstTreeLine(c.chat.starter, c.chat.annotation, c.chat.turn.conversation, c.projectId, c.template)
        : undefined;
      return tree ? [tree] : [];
    },
  },
};
