import type { ProjectProgress } from '@feedbench/shared';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { projectMessages } from '../projects.messages.ts';

const COUNTERS = [
  'items',
  'annotations',
  'completedItems',
  'activeLeases',
  'skips',
] as const satisfies readonly (keyof ProjectProgress)[];

/** Live counters; `compact` shows the three that matter in a list row. */
export function ProgressCounters({ progress, compact = false }: { progress: ProjectProgress; compact?: boolean }) {
  const t = useMessages(projectMessages);
  const format = useFormat();
  const shown = compact ? COUNTERS.slice(0, 3) : COUNTERS;
  const percent = progress.items > 0 ? Math.round((progress.completedItems / progress.items) * 100) : 0;
  return (
    <div className={compact ? 'progress compact' : 'progress'}>
      <dl className="counters">
        {shown.map((key) => (
          <div key={key} className="counter">
            <dt>{t(`counter_${key}`)}</dt>
            <dd>{format.integer(progress[key])}</dd>
          </div>
        ))}
      </dl>
      <div
        className="progress-bar"
        role="progressbar"
        aria-label={t('itemsCompleted')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={t('itemsCompletedOf', {
          done: format.integer(progress.completedItems),
          total: format.integer(progress.items),
        })}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
