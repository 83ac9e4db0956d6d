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
import { useMessages } from '../../../i18n/messages.ts';
import { ANSWERED, answerStop } from '../controls/answer-focus.ts';
import { questionMessages } from '../questions.messages.ts';
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
  const t = useMessages(questionMessages);
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
    const label = labelOf(outputId);
    setAnnouncement(
      rank === undefined
        ? t('announceUnranked', { label })
        : tiedWith.length
          ? t('announceTied', { label, rank, labels: tiedWith.map((o) => o.label).join(', ') })
          : t('announceRank', { label, rank }),
    );
  }

  function tie(outputId: string) {
    const rank = tieRankOf(outputId);
    if (rank === undefined) {
      setAnnouncement(t('placeFirst', { label: labelOf(outputId) }));
      return;
    }
    if (!allowTies) {
      setAnnouncement(t('tiesNotAllowedShort'));
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
    onDragStart: ({ active }) => t('pickedUp', { label: labelOf(outputIdOf(active.id)) }),
    onDragOver: ({ over }) => {
      if (!over) return undefined;
      const rank = rankOfRow(over.id);
      return rank === undefined ? t('overUnranked') : t('overRank', { rank });
    },
    onDragEnd: ({ active, over }) => {
      if (!over) return t('dropCancelled');
      const rank = rankOfRow(over.id);
      const label = labelOf(outputIdOf(active.id));
      return rank === undefined ? t('droppedOnUnranked', { label }) : t('droppedOnRank', { label, rank });
    },
    onDragCancel: () => t('dropCancelled'),
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
        {t('boardHelpDrag')} <kbd>1</kbd>–<kbd>{count}</kbd>; <kbd>0</kbd> {t('boardHelpOff')}{' '}
        {allowTies ? (
          <>
            {t('boardHelpTie')} <kbd>=</kbd> {t('boardHelpTieEnd')}
          </>
        ) : (
          t('tiesNotAllowed')
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
          screenReaderInstructions: { draggable: t('srInstructions', { count }) },
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
          {t('allBadRankAnyway')}
        </label>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}
