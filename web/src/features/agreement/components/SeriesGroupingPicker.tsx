import { useId } from 'react';
import { at } from '../agreement.messages.ts';
import type { SeriesGrouping } from './AgreementOverTimeChart.tsx';

const GROUPINGS: readonly SeriesGrouping[] = ['day', 'import', 'submission'];

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
        <label htmlFor={`${id}-grouping`}>{at('overTimeBy')}</label>
        <select
          id={`${id}-grouping`}
          value={grouping}
          onChange={(event) => onGrouping(event.target.value as SeriesGrouping)}
        >
          {GROUPINGS.map((g) => (
            <option key={g} value={g}>
              {at(`grouping_${g}`)}
            </option>
          ))}
        </select>
      </div>
      {grouping === 'submission' && (
        <div className="field">
          <label htmlFor={`${id}-size`}>{at('itemsPerBatch')}</label>
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
