import { useId } from 'react';
import type { SeriesGrouping } from './AgreementOverTimeChart.tsx';

const GROUPINGS: { value: SeriesGrouping; label: string }[] = [
  { value: 'day', label: 'Day (UTC)' },
  { value: 'import', label: 'Import batch' },
  { value: 'submission', label: 'Batches of submission order' },
];

/** How the dashboard's "agreement over time" charts group items, and the submission batches' size. */
export function SeriesGroupingPicker({
  grouping,
  batchSize,
  onGrouping,
  onBatchSize,
}: {
  grouping: SeriesGrouping;
  batchSize: number;
  onGrouping: (grouping: SeriesGrouping) => void;
  onBatchSize: (size: number) => void;
}) {
  const id = useId();
  return (
    <div className="row wrap">
      <div className="field">
        <label htmlFor={`${id}-grouping`}>Agreement over time by</label>
        <select
          id={`${id}-grouping`}
          value={grouping}
          onChange={(event) => onGrouping(event.target.value as SeriesGrouping)}
        >
          {GROUPINGS.map((g) => (
            <option key={g.value} value={g.value}>
              {g.label}
            </option>
          ))}
        </select>
      </div>
      {grouping === 'submission' && (
        <div className="field">
          <label htmlFor={`${id}-size`}>Items per batch</label>
          <input
            id={`${id}-size`}
            type="number"
            min={2}
            max={100_000}
            value={batchSize}
            onChange={(event) => {
              const size = Number(event.target.value);
              if (Number.isInteger(size) && size >= 2 && size <= 100_000) onBatchSize(size);
            }}
          />
        </div>
      )}
    </div>
  );
}
