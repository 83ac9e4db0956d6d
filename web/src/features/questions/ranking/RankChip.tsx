import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { TaskOutput } from '@feedbench/shared';
import type { KeyboardEvent } from 'react';
import { rankFromKey } from '../hooks/ranks.ts';

export const chipId = (outputId: string) => `output:${outputId}`;

interface RankChipProps {
  output: TaskOutput;
  rank: number | undefined;
  outputCount: number;
  onRank: (rank: number | undefined) => void;
  /** The tie key: same rank as the output placed just before. */
  onTie: () => void;
}

/** A one-line glimpse of the output: Markdown punctuation removed, since the chip shows plain text. */
function preview(content: string): string {
  const flat = content
    .replace(/[`*_~#>]+/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > 90 ? `${flat.slice(0, 90)}…` : flat;
}

/** One output on the ranking board: dragged with the pointer, or focused and given a rank with a digit key. */
export function RankChip({ output, rank, outputCount, onRank, onTie }: RankChipProps) {
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
      aria-roledescription="rankable output"
      aria-keyshortcuts={`1-${outputCount} 0 =`}
      data-output-chip={output.id}
      className={isDragging ? 'rank-chip dragging' : 'rank-chip'}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      onKeyDown={onKeyDown}
    >
      {/* The name comes from the content, "Output A, rank 1", so what is shown is what is announced. */}
      <span className="visually-hidden">{`Output ${output.label}, ${rank === undefined ? 'unranked' : `rank ${rank}`}`}</span>
      <span className="chip-label" aria-hidden="true">
        {output.label}
      </span>
      {/* A glimpse for sighted users; screen readers get "Output A, rank 1" and read outputs in full on the cards. */}
      <span className="chip-text" aria-hidden="true">
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
      <span className="chip-text">{preview(output.content)}</span>
    </div>
  );
}
