import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { TaskOutput } from '@feedbench/shared';
import type { KeyboardEvent } from 'react';
import { useMessages } from '../../../i18n/messages.ts';
import { FOCUS_FIRST } from '../controls/answer-focus.ts';
import { questionMessages } from '../questions.messages.ts';
import { rankFromKey } from './ranks.ts';

export const chipId = (outputId: string) => `output:${outputId}`;

interface RankChipProps {
  output: TaskOutput;
  rank: number | undefined;
  outputCount: number;
  onRank: (rank: number | undefined) => void;
  /** The tie key: same rank as the output placed just before. */
  onTie: () => void;
  /** The first output not ranked yet: where the focus lands when it comes to the board. */
  focusFirst?: boolean;
}

const PREVIEW_CHARS = 90;

/**
 * A one-line glimpse of the output as plain text. Only Markdown syntax goes (heading and quote markers at line starts,
 * emphasis and code delimiters around words, fences, link targets); every character of the text itself stays, so
 * `a_b`, `2 * 3`, `x > y` or `C#` read as written. Cut on whole characters (an emoji is never split in half).
 */
export function preview(content: string): string {
  const flat = content
    .replace(/^\s{0,3}(#{1,6}|>+)\s+/gm, '')
    .replace(/^\s*(```|~~~).*$/gm, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|~~)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|\W)_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1$2')
    .replace(/`+([^`]+)`+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  const characters = Array.from(flat);
  return characters.length > PREVIEW_CHARS ? `${characters.slice(0, PREVIEW_CHARS).join('')}…` : flat;
}

/** One output on the ranking board: dragged with the pointer, or focused and given a rank with a digit key. */
export function RankChip({ output, rank, outputCount, onRank, onTie, focusFirst }: RankChipProps) {
  const t = useMessages(questionMessages);
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: chipId(output.id),
  });

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === '=' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      onTie();
      return;
    }
    const next = rankFromKey(event.key, outputCount);
    if (next === undefined || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    onRank(next ?? undefined);
  }

  return (
    <button
      type="button"
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      aria-roledescription={t('rankableOutput')}
      aria-keyshortcuts={`1-${outputCount} 0 =`}
      data-output-chip={output.id}
      {...(focusFirst ? { [FOCUS_FIRST]: '' } : {})}
      className={isDragging ? 'rank-chip dragging' : 'rank-chip'}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      onKeyDown={onKeyDown}
    >
      {/* The name comes from the content, "Output A, rank 1", so what is shown is what is announced. */}
      <span className="visually-hidden">
        {rank === undefined ? t('chipName', { label: output.label }) : t('chipNameRank', { label: output.label, rank })}
      </span>
      <span className="chip-label" aria-hidden="true">
        {output.label}
      </span>
      {/* A glimpse for sighted users; screen readers get "Output A, rank 1" and read outputs in full on the cards. */}
      <span className="chip-text" aria-hidden="true" dir="auto">
        {preview(output.content)}
      </span>
    </button>
  );
}

/** What follows the pointer while dragging. */
export function RankChipOverlay({ output }: { output: TaskOutput }) {
  return (
    <div className="rank-chip overlay" aria-hidden="true">
      <span className="chip-label">{output.label}</span>
      <span className="chip-text" dir="auto">
        {preview(output.content)}
      </span>
    </div>
  );
}
