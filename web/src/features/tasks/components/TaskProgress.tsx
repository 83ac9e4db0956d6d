import { useEffect, useState } from 'react';

interface TaskProgressProps {
  submitted: number;
  skipped: number;
  /** Items of the project that reached their overlap target, and all items. */
  project?: { completedItems: number; items: number };
}

/** The annotator's own counters this session, and how far the project has come. */
export function TaskProgress({ submitted, skipped, project }: TaskProgressProps) {
  const percent = project && project.items > 0 ? Math.round((100 * project.completedItems) / project.items) : 0;
  return (
    <section className="task-progress" aria-label="Your progress">
      <p>
        <strong>{submitted}</strong> submitted{skipped > 0 && <>, {skipped} skipped</>} this session
      </p>
      {project && (
        <div className="progress-line">
          <progress
            max={Math.max(1, project.items)}
            value={project.completedItems}
            aria-label="Project items completed"
            aria-valuetext={`${project.completedItems} of ${project.items} items completed`}
          />
          <span className="muted">
            {project.completedItems}/{project.items} items done ({percent}%)
          </span>
        </div>
      )}
    </section>
  );
}

/** Time on the current task, ticking once a second (what the server receives is measured separately). */
export function TaskTimer({ startedAt }: { startedAt: number }) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.floor((now - startedAt) / 1000));
  const text = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  return (
    <span className="task-timer muted" title="Time on this item">
      <span className="visually-hidden">Time on this item </span>
      {text}
    </span>
  );
}
