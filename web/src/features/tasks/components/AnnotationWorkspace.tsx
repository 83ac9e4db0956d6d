import { useState } from 'react';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useNextTask } from '../api/next-task.ts';
import { TaskForm } from './TaskForm.tsx';

/** The annotator's loop for one project: the held or next task, then the next, until none is left. */
export function AnnotationWorkspace({ projectId, guidelines }: { projectId: string; guidelines: string }) {
  const next = useNextTask(projectId);
  // Open for the first task of a visit, then as the annotator leaves it.
  const [guidelinesOpen, setGuidelinesOpen] = useState(true);
  const [done, setDone] = useState({ submitted: 0, skipped: 0 });

  if (next.isPending) return <Loading what="your next item" />;
  if (next.isError) {
    return (
      <div className="stack">
        <ErrorNotice error={next.error} title="Could not get an item" />
        <button type="button" onClick={() => void next.refetch()}>
          Try again
        </button>
      </div>
    );
  }

  const summary =
    done.submitted + done.skipped > 0
      ? `${done.submitted} submitted${done.skipped ? `, ${done.skipped} skipped` : ''} this session.`
      : '';

  if (!next.data.task) {
    return (
      <section className="card finished" aria-labelledby="finished-title">
        <h2 id="finished-title">No more items — thanks!</h2>
        <p className="muted">{summary || 'Everything in this project is done or being worked on by others.'}</p>
        <button type="button" onClick={() => void next.refetch()} disabled={next.isFetching}>
          Check again
        </button>
      </section>
    );
  }

  const task = next.data.task;
  return (
    <>
      <p className="session-status" role="status" aria-live="polite">
        {next.isFetching ? 'Loading the next item…' : summary}
      </p>
      <TaskForm
        key={task.leaseId}
        task={task}
        guidelines={guidelines}
        guidelinesOpen={guidelinesOpen}
        onToggleGuidelines={() => setGuidelinesOpen((open) => !open)}
        onDone={(what) => setDone((d) => ({ ...d, [what]: d[what] + 1 }))}
      />
    </>
  );
}
