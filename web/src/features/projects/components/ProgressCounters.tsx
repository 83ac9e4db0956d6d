import type { ProjectProgress } from '@feedbench/shared';

const COUNTERS: { key: keyof ProjectProgress; label: string }[] = [
  { key: 'items', label: 'Items' },
  { key: 'annotations', label: 'Annotations' },
  { key: 'completedItems', label: 'Completed items' },
  { key: 'activeLeases', label: 'In progress' },
  { key: 'skips', label: 'Skips' },
];

/** Live counters; `compact` shows the three that matter in a list row. */
export function ProgressCounters({ progress, compact = false }: { progress: ProjectProgress; compact?: boolean }) {
  const shown = compact ? COUNTERS.slice(0, 3) : COUNTERS;
  const percent = progress.items > 0 ? Math.round((progress.completedItems / progress.items) * 100) : 0;
  return (
    <div className={compact ? 'progress compact' : 'progress'}>
      <dl className="counters">
        {shown.map(({ key, label }) => (
          <div key={key} className="counter">
            <dt>{label}</dt>
            <dd>{progress[key]}</dd>
          </div>
        ))}
      </dl>
      <div
        className="progress-bar"
        role="progressbar"
        aria-label="Items completed"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${progress.completedItems} of ${progress.items} items completed`}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
