import { useDroppable } from '@dnd-kit/core';
import { rectSortingStrategy, SortableContext } from '@dnd-kit/sortable';
import type { TaskOutput } from '@feedbench/shared';
import { qt } from '../questions.messages.ts';
import { chipId, RankChip } from './RankChip.tsx';

export const UNRANKED = 'unranked';
export const rowId = (rank: number | typeof UNRANKED) => `row:${rank}`;

interface RankRowProps {
  rank: number | typeof UNRANKED;
  outputs: TaskOutput[];
  outputCount: number;
  ranks: Record<string, number>;
  onRank: (outputId: string, rank: number | undefined) => void;
  onTie: (outputId: string) => void;
}

function caption(rank: number | typeof UNRANKED, outputCount: number): string {
  if (rank === UNRANKED) return qt('rowUnranked');
  if (rank === 1) return qt('best');
  if (rank === outputCount) return qt('worst');
  return '';
}

/** One rank position on the board; several outputs in one row are tied. */
export function RankRow({ rank, outputs, outputCount, ranks, onRank, onTie }: RankRowProps) {
  const { setNodeRef, isOver } = useDroppable({ id: rowId(rank) });
  const tied = rank !== UNRANKED && outputs.length > 1;
  const classes = ['rank-row', rank === UNRANKED ? 'unranked' : '', isOver ? 'over' : '', tied ? 'tied' : ''];
  return (
    <fieldset
      ref={setNodeRef}
      aria-label={rank === UNRANKED ? qt('rowUnranked') : qt('rowRank', { rank })}
      className={classes.filter(Boolean).join(' ')}
    >
      <div className="rank-row-head" aria-hidden="true">
        <span className="rank-number">{rank === UNRANKED ? '–' : rank}</span>
        <span className="rank-caption">{caption(rank, outputCount)}</span>
        {tied && <span className="badge tie">{qt('tie')}</span>}
      </div>
      <SortableContext items={outputs.map((o) => chipId(o.id))} strategy={rectSortingStrategy}>
        <div className="rank-row-slots">
          {outputs.map((output, index) => (
            <RankChip
              key={output.id}
              output={output}
              focusFirst={rank === UNRANKED && index === 0}
              rank={ranks[output.id]}
              outputCount={outputCount}
              onRank={(next) => onRank(output.id, next)}
              onTie={() => onTie(output.id)}
            />
          ))}
          {outputs.length === 0 && <span className="drop-hint">{qt('dropHere')}</span>}
        </div>
      </SortableContext>
    </fieldset>
  );
}
