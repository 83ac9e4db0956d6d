import { useEffect, useState } from 'react';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { taskMessages } from '../tasks.messages.ts';

interface TaskProgressProps {
  submitted: number;
  skipped: number;
  /** Items of the project that reached their overlap target, and all items. */
  project?: { completedItems: number; items: number };
}

/** The annotator's own counters this session, and how far the project has come. */
export function TaskProgress({ submitted, skipped, project }: TaskProgressProps) {
  const t = useMessages(taskMessages);
  const format = useFormat();
  const fraction = project && project.items > 0 ? project.completedItems / project.items : 0;
  return (
    <section className="task-progress" aria-label={t('yourProgress')}>
      <p>
        {skipped > 0
          ? t('submittedSkippedThisSession', { submitted: format.integer(submitted), skipped: format.integer(skipped) })
          : t('submittedThisSession', { count: submitted })}
      </p>
      {project && (
        <div className="progress-line">
          <progress
            max={Math.max(1, project.items)}
            value={project.completedItems}
            aria-label={t('projectItemsCompleted')}
            aria-valuetext={t('itemsCompletedOf', {
              done: format.integer(project.completedItems),
              total: format.integer(project.items),
            })}
          />
          <span className="muted">
            {t('itemsDone', {
              done: format.integer(project.completedItems),
              total: format.integer(project.items),
              percent: format.percent(Math.round(fraction * 100) / 100),
            })}
          </span>
        </div>
      )}
    </section>
  );
}

/** Time on the current task, ticking once a second (what the server receives is measured separately). */
export function TaskTimer({ startedAt }: { startedAt: number }) {
  const t = useMessages(taskMessages);
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.floor((now - startedAt) / 1000));
  const text = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  return (
    <span className="task-timer muted" title={t('timeOnItem')}>
      <span className="visually-hidden">{t('timeOnItem')} </span>
      {text}
    </span>
  );
}
