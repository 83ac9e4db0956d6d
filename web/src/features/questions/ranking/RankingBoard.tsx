import {
  type Announcements,
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  TouchSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type { TaskOutput } from '@feedbench/shared';
import { useId, useLayoutEffect, useRef, useState } from 'react';
import { ANSWERED, answerStop } from '../controls/answer-focus.ts';
import { RankChipOverlay } from './RankChip.tsx';
import { RankRow, rowId, UNRANKED } from './RankRow.tsx';
import type { RankMap } from './ranks.ts';

interface RankingBoardProps {
  questionId: string;
  label: string;
  /** The researcher's note under the title, if any. */
  help?: string;
  allowTies: boolean;
  outputs: TaskOutput[];
  ranks: RankMap;
  onRank: (outputId: string, rank: number | undefined) => void;
  /** The rank the tie key gives an output (that of the output placed just before it), if any. */
  tieRankOf: (outputId: string) => number | undefined;
  /** Present when the question offers "all outputs are bad". */
  allBad?: { checked: boolean; onChange: (checked: boolean) => void };
}

const outputIdOf = (id: string | number) => String(id).replace(/^output:/, '');

/** Only rank rows are drop targets, so dropping on a chip lands in that chip's row. */
const rowsOnly: CollisionDetection = (args) => {
  const droppableContainers = args.droppableContainers.filter((c) => String(c.id).startsWith('row:'));
  const within = pointerWithin({ ...args, droppableContainers });
  return within.length > 0 ? within : rectIntersection({ ...args, droppableContainers });
};

function rankOfRow(id: string | number | undefined): number | undefined | null {
  if (id === undefined) return null;
  const value = String(id).slice('row:'.length);
  return value === UNRANKED ? undefined : Number(value);
}

/**
 * Rows 1..K (best first) plus an unranked pool. Drag an output to a row, or focus it and press its rank's digit;
 * outputs sharing a row are tied. The answer's groups are the non-empty rows in order (see hooks/ranks).
 */
export function RankingBoard({
  questionId,
  label,
  help,
  allowTies,
  outputs,
  ranks,
  onRank,
  tieRankOf,
  allBad,
}: RankingBoardProps) {
  const id = useId();
  const [activeId, setActiveId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const refocus = useRef<string | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 5 } }),
  );
  const count = outputs.length;
  const labelOf = (outputId: string) => outputs.find((o) => o.id === outputId)?.label ?? outputId;

  function place(outputId: string, rank: number | undefined, { keepFocus }: { keepFocus: boolean }) {
    if (keepFocus) refocus.current = outputId;
    onRank(outputId, rank);
    const tiedWith = rank === undefined ? [] : outputs.filter((o) => o.id !== outputId && ranks[o.id] === rank);
    setAnnouncement(
      rank === undefined
        ? `Output ${labelOf(outputId)} unranked`
        : `Output ${labelOf(outputId)} at rank ${rank}${tiedWith.length ? `, tied with ${tiedWith.map((o) => o.label).join(', ')}` : ''}`,
    );
  }

  function tie(outputId: string) {
    const rank = tieRankOf(outputId);
    if (rank === undefined) {
      setAnnouncement(`Place an output first: = ties output ${labelOf(outputId)} with it`);
      return;
    }
    if (!allowTies) {
      setAnnouncement('Ties are not allowed in this project');
      return;
    }
    place(outputId, rank, { keepFocus: true });
  }

  // A chip that changes rows is remounted in its new row: give it the keyboard focus back.
  useLayoutEffect(() => {
    const outputId = refocus.current;
    if (outputId === null) return;
    refocus.current = null;
    const chip = [...document.querySelectorAll<HTMLElement>('[data-output-chip]')].find(
      (el) => el.dataset.outputChip === outputId,
    );
    chip?.focus();
  });

  function onDragStart(event: DragStartEvent) {
    setActiveId(outputIdOf(event.active.id));
  }
  function onDragEnd(event: DragEndEvent) {
    setActiveId(null);
    const rank = rankOfRow(event.over?.id);
    if (rank !== null) place(outputIdOf(event.active.id), rank, { keepFocus: false });
  }

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up output ${labelOf(outputIdOf(active.id))}`,
    onDragOver: ({ over }) => (over ? `Over ${String(over.id).replace('row:', 'rank ')}` : undefined),
    onDragEnd: ({ active, over }) =>
      over
        ? `Dropped output ${labelOf(outputIdOf(active.id))} on ${String(over.id).replace('row:', 'rank ')}`
        : 'Drop cancelled',
    onDragCancel: () => 'Drop cancelled',
  };
  const active = outputs.find((o) => o.id === activeId);
  const inRow = (rank: number | typeof UNRANKED) =>
    outputs.filter((o) => (rank === UNRANKED ? ranks[o.id] === undefined : ranks[o.id] === rank));

  return (
    <section
      className="card ranking-board"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-help`}
      {...answerStop(questionId)}
      {...(outputs.every((o) => ranks[o.id] !== undefined) ? { [ANSWERED]: '' } : {})}
    >
      <h2 id={`${id}-title`}>{label}</h2>
      {help && <p className="hint">{help}</p>}
      <p id={`${id}-help`} className="hint">
        Drag each output to a rank, or focus it (Tab) and press <kbd>1</kbd>–<kbd>{count}</kbd>; <kbd>0</kbd> takes it
        off the board.{' '}
        {allowTies ? (
          <>
            Give outputs the same number to tie them, or press <kbd>=</kbd> to tie with the output you placed last.
          </>
        ) : (
          'Ties are not allowed in this project.'
        )}
      </p>
      <DndContext
        sensors={sensors}
        collisionDetection={rowsOnly}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setActiveId(null)}
        accessibility={{
          announcements,
          screenReaderInstructions: { draggable: `Press 1 to ${count} to give this output a rank, 0 to unrank it.` },
        }}
      >
        <div className="rank-rows">
          {Array.from({ length: count }, (_, i) => i + 1).map((rank) => (
            <RankRow
              key={rowId(rank)}
              rank={rank}
              outputs={inRow(rank)}
              outputCount={count}
              ranks={ranks}
              onRank={(outputId, next) => place(outputId, next, { keepFocus: true })}
              onTie={tie}
            />
          ))}
        </div>
        <RankRow
          rank={UNRANKED}
          outputs={inRow(UNRANKED)}
          outputCount={count}
          ranks={ranks}
          onRank={(outputId, next) => place(outputId, next, { keepFocus: true })}
          onTie={tie}
        />
        {/* No drop animation: the chip is already in its new row when the overlay goes, and the next drag can start at
            once. */}
        <DragOverlay dropAnimation={null}>{active ? <RankChipOverlay output={active} /> : null}</DragOverlay>
      </DndContext>
      {allBad && (
        <label className="check all-bad">
          <input type="checkbox" checked={allBad.checked} onChange={(event) => allBad.onChange(event.target.checked)} />
          All outputs are bad (rank them anyway)
        </label>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}
