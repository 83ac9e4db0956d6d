import type { SubmitBody, Task } from '@feedbench/shared';
import { useEffect, useRef, useState } from 'react';
import { preloadMath } from '../../../components/MarkdownView.tsx';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { randomUuid } from '../../../lib/uuid.ts';
import { kindOf } from '../../questions/registry.ts';
import { useNextTask } from '../api/next-task.ts';
import { usePreparedTask } from '../api/prepare-task.ts';
import { useSubmitTask } from '../api/submit-task.ts';
import { clearLocalDraft } from '../hooks/local-draft-backup.ts';
import { useStoredState } from '../hooks/useStoredState.ts';
import { taskMessages } from '../tasks.messages.ts';
import type { OutputLayout } from './AnnotatorView.tsx';
import { FinishedNotice } from './FinishedNotice.tsx';
import { GuidelinesPanel } from './GuidelinesPanel.tsx';
import { PausedNotice } from './PausedNotice.tsx';
import { ShortcutSheet } from './ShortcutSheet.tsx';
import { TaskForm } from './TaskForm.tsx';
import { TaskProgress } from './TaskProgress.tsx';

interface AnnotationWorkspaceProps {
  projectId: string;
  guidelines: string;
  /** Project-wide counters for the progress bar. */
  progress?: { completedItems: number; items: number };
  /** After each submit or skip (the route refreshes the project's counters). */
  onProgress?: () => void;
}

/** Quiet time after a submit or skip before the project's counters are fetched again. */
const PROGRESS_REFRESH_DELAY_MS = 1000;

/** The reason a paused annotator's 403 carries in `details.pausedReason`. */
function pausedReasonOf(details: unknown): string | null {
  const reason = (details as { pausedReason?: unknown } | undefined)?.pausedReason;
  return typeof reason === 'string' ? reason : null;
}

/** The annotator's loop for one project: the held or next task, then the next, until none is left. */
export function AnnotationWorkspace({ projectId, guidelines, progress, onProgress }: AnnotationWorkspaceProps) {
  const t = useMessages(taskMessages);
  const next = useNextTask(projectId);
  // Open for the first task of a visit, then as the annotator leaves it.
  const [guidelinesOpen, setGuidelinesOpen] = useState(true);
  const [layout, setLayout] = useStoredState<OutputLayout>('feedbench.layout', 'side-by-side');
  const [expandAll, setExpandAll] = useState(false);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [done, setDone] = useStoredState(`feedbench.session.${projectId}`, { submitted: 0, skipped: 0 }, 'session');
  const task = next.data?.task;
  const leaseId = task?.leaseId;

  // Submits live here, not in the task's form: the page shows the prepared next task while the submit runs.
  const submit = useSubmitTask(projectId);
  const submittingLease = submit.isPending ? submit.variables?.task.leaseId : undefined;
  // A submit sent while the previous one is on its way waits for it (the server promotes its task only then).
  const [queued, setQueued] = useState<{ task: Task; body: SubmitBody } | null>(null);
  // Once per lease for this page, kept across the form being shown again after a failed submit.
  const keys = useRef(new Map<string, string>());
  const keyFor = (id: string) => keys.current.get(id) ?? keys.current.set(id, randomUuid()).get(id) ?? '';
  const provisional = submittingLease !== undefined && submittingLease !== leaseId;
  usePreparedTask(projectId, leaseId, !provisional);

  // The project's counters are fetched again once the annotator pauses, not after every submit: each fetch takes the
  // server from the next submit (PGlite has one connection) while the session counter already moved.
  const progressTimer = useRef<number | undefined>(undefined);
  const refreshProgress = () => {
    window.clearTimeout(progressTimer.current);
    progressTimer.current = window.setTimeout(() => onProgress?.(), PROGRESS_REFRESH_DELAY_MS);
  };
  useEffect(() => () => window.clearTimeout(progressTimer.current), []);

  const sendSubmit = (submitted: Task, body: SubmitBody) =>
    submit.mutate(
      { task: submitted, body },
      {
        onSuccess: () => {
          clearLocalDraft(submitted.leaseId);
          setDone((d) => ({ ...d, submitted: d.submitted + 1 }));
          refreshProgress();
        },
      },
    );
  useEffect(() => {
    if (!queued || submit.isPending) return;
    setQueued(null);
    // Sent only if the queued task is still the one on screen (the previous submit may have failed or moved on).
    if (queued.task.leaseId === leaseId) sendSubmit(queued.task, queued.body);
  });

  // The moment a new task is committed, focused and takes keys, and the frame that shows it: the ends of the
  // submit -> next measurement (e2e/specs/bench-submit-to-next.spec.ts).
  useEffect(() => {
    if (!leaseId) return;
    performance.mark('feedbench:task-ready', { detail: leaseId });
    requestAnimationFrame(() => setTimeout(() => performance.mark('feedbench:task-painted', { detail: leaseId })));
  }, [leaseId]);

  // KaTeX is loaded on first use; fetch it while the annotator reads, so a later item with math shows typeset at once.
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 2000));
    idle(() => void preloadMath());
  }, []);

  const shortcuts = [
    { key: 'g', run: () => setGuidelinesOpen((open) => !open) },
    { key: '?', run: () => setSheetOpen((open) => !open) },
    { key: 'l', run: () => setLayout((l) => (l === 'stacked' ? 'side-by-side' : 'stacked')) },
    { key: 'e', run: () => setExpandAll((e) => !e) },
  ];
  const sheet = <ShortcutSheet open={sheetOpen} onClose={() => setSheetOpen(false)} />;
  const progressBar = <TaskProgress submitted={done.submitted} skipped={done.skipped} project={progress} />;

  if (next.isPending) return <Loading what={t('yourNextItem')} />;
  if (next.isError) {
    if (next.error instanceof ApiError && next.error.code === 'assignment.annotator_paused') {
      return <PausedNotice reason={pausedReasonOf(next.error.details)} onRetry={() => void next.refetch()} />;
    }
    return (
      <div className="stack">
        <ErrorNotice error={next.error} title={t('couldNotGetItem')} />
        <button type="button" onClick={() => void next.refetch()}>
          {t('tryAgain')}
        </button>
      </div>
    );
  }

  if (!task) {
    return (
      <FinishedNotice progressBar={progressBar} checking={next.isFetching} onCheckAgain={() => void next.refetch()} />
    );
  }

  const header = (
    <>
      <div className="task-toolbar">
        {progressBar}
        <div className="toolbar-actions">
          {/* Only where outputs are shown to compare (a plain demonstration hides the ones its items carry). */}
          {task.outputs.length > 1 && task.questions.some((q) => kindOf(q.type).judgesOutputs(q)) && (
            <button
              type="button"
              className="ghost"
              aria-pressed={layout === 'stacked'}
              aria-keyshortcuts="L"
              onClick={() => setLayout((l) => (l === 'stacked' ? 'side-by-side' : 'stacked'))}
            >
              {t('stackedOutputs')}{' '}
              <span className="key" aria-hidden="true">
                L
              </span>
            </button>
          )}
          <button type="button" className="ghost" aria-keyshortcuts="?" onClick={() => setSheetOpen(true)}>
            {t('shortcuts')}{' '}
            <span className="key" aria-hidden="true">
              ?
            </span>
          </button>
        </div>
      </div>
      <p className="session-status visually-hidden" role="status" aria-live="polite">
        {next.isFetching ? t('loadingNext') : ''}
      </p>
      <GuidelinesPanel guidelines={guidelines} open={guidelinesOpen} onToggle={() => setGuidelinesOpen((o) => !o)} />
    </>
  );

  return (
    <>
      <TaskForm
        key={task.leaseId}
        task={task}
        layout={layout}
        expandAll={expandAll}
        header={header}
        shortcuts={shortcuts}
        idempotencyKey={keyFor(task.leaseId)}
        provisional={provisional}
        submitting={submittingLease === task.leaseId || queued?.task.leaseId === task.leaseId}
        submitError={submit.isError && submit.variables?.task.leaseId === task.leaseId ? submit.error : null}
        onSubmit={(body) => (submit.isPending ? setQueued({ task, body }) : sendSubmit(task, body))}
        onSkipped={() => {
          setDone((d) => ({ ...d, skipped: d.skipped + 1 }));
          refreshProgress();
        }}
      />
      {sheet}
    </>
  );
}
