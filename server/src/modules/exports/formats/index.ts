import type { ExportFormat, TaskKind } from '@feedbench/shared';
import type { PreparedItem, TemplateView } from '../judgements.ts';
import { hhRlhfLines, openaiDpoLines, trlKtoLines, trlPreferenceLines } from './preference.ts';
import { rankingsLines } from './rankings.ts';
import { rawLines } from './raw.ts';
import type { SerializedLine } from './serialized-line.ts';
import { openaiChatLines, trlSftLines, trlSftTextLines } from './sft.ts';

export interface FormatContext {
  projectId: string;
  template: TemplateView;
}

/** One line of an export: an object to serialize, or a line a format has already serialized. */
export type ExportRow = object | SerializedLine;

export interface ExportFormatter {
  /** Project kinds whose annotations the format can express. */
  kinds: readonly TaskKind[];
  /** Objects to stringify, or lines already serialized. */
  lines(prepared: PreparedItem, context: FormatContext): Iterable<ExportRow>;
}

const ranking = ['ranking'] as const;
const any = ['demonstration', 'ranking'] as const;

export const FORMATTERS: Record<ExportFormat, ExportFormatter> = {
  'openai-chat': { kinds: any, lines: openaiChatLines },
  'trl-sft': { kinds: any, lines: trlSftLines },
  'trl-sft-text': { kinds: any, lines: trlSftTextLines },
  'trl-preference': { kinds: ranking, lines: (p, c) => trlPreferenceLines(p, c.template) },
  'openai-dpo': { kinds: ranking, lines: openaiDpoLines },
  'hh-rlhf': { kinds: ranking, lines: hhRlhfLines },
  'trl-kto': { kinds: ranking, lines: trlKtoLines },
  rankings: { kinds: ranking, lines: rankingsLines },
  raw: { kinds: any, lines: (p, c) => rawLines(p, c.projectId) },
};
