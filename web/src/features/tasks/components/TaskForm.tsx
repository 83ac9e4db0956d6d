import type { SkipReason, SubmitBody, Task } from '@feedbench/shared';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { focusFirstStop, focusProblem, moveFocus } from '../../questions/controls/answer-focus.ts';
import { nextTaskQueryOptions } from '../api/next-task.ts';
import { useSkipTask } from '../api/skip-task.ts';
import {
  clearLocalDraft,
  pruneLocalDrafts,
  withNewerLocalDraft,
  writeLocalDraft,
} from '../hooks/local-draft-backup.ts';
import { useDraftAutosave } from '../hooks/useDraftAutosave.ts';
import { useLeaseHeartbeat } from '../hooks/useLeaseHeartbeat.ts';
import { type Shortcut, useShortcuts } from '../hooks/useShortcuts.ts';
import { useTaskAnswers } from '../hooks/useTaskAnswers.ts';
import { taskMessages } from '../tasks.messages.ts';
import { AnnotatorView, type OutputLayout } from './AnnotatorView.tsx';
import { AnswerChecklist, describeProblems } from './AnswerChecklist.tsx';
import { DraftStatus } from './DraftStatus.tsx';
import { SkipForm } from './SkipForm.tsx';
import { SuggestionNotice } from './SuggestionNotice.tsx';
import { TaskTimer } from './TaskProgress.tsx';

interface TaskFormProps {
  task: Task;
  layout: OutputLayout;
  expandAll: boolean;
  /** Guidelines and progress, shown above the prompt. */
  header: ReactNode;
  /** Page-wide shortcuts owned by the workspace (guidelines, layout, help), registered with this task's own. */
  shortcuts: Shortcut[];
  /** Called once the server has stored the skip. */
  onSkipped: () => void;
  /**
   * Sends the answers (the workspace submits them, see useSubmitTask: the page may move on before the server answers,
   * so the submit outlives this form). Generated once per lease by the workspace: a retried submit, even from a form
   * shown again after a failure, is stored once.
   */
  onSubmit: (body: SubmitBody) => void;
  idempotencyKey: string;
  /** This task's submit is on its way (or waits for the previous one). */
  submitting: boolean;
  /** Why this task's last submit failed. */
  submitError: Error | null;
  /**
   * Shown while the previous task's submit is still on its way: the server has not made this prepared task the held
   * one yet, so nothing is saved to the server (drafts, heartbeats) until it has; the local backup still is.
   */
  provisional: boolean;
}

/** One leased item: mounted per lease (keyed by leaseId), so its idempotency key and timer belong to that task. */
export function TaskForm({
  task,
  layout,
  expandAll,
  header,
  shortcuts,
  onSkipped,
  onSubmit,
  idempotencyKey,
  submitting,
  submitError,
  provisional,
}: TaskFormProps) {
  // This browser's copy wins when it is newer than the server draft (typed while the server was unreachable).
  const t = useMessages(taskMessages);
  const [restored] = useState(() => withNewerLocalDraft(task));
  // A model judge's suggestion starts an untouched task (the annotator's own draft always wins over it).
  const suggested = restored.draft === null && task.suggestion !== undefined;
  const answers = useTaskAnswers(
    suggested && task.suggestion
      ? { ...restored, draft: { answers: task.suggestion.answers, updatedAt: '' } }
      : restored,
  );
  const skip = useSkipTask(task.projectId);
  const [startedAt] = useState(() => performance.now());
  const [skipOpen, setSkipOpen] = useState(false);
  const busy = submitting || skip.isPending || skip.isSuccess;
  const heartbeat = useLeaseHeartbeat(task.leaseId, task.expiresAt, !busy && !provisional);
  const draft = useDraftAutosave(task.leaseId, answers.draft, {
    enabled: !busy && !provisional,
    onLeaseExtended: heartbeat.extendTo,
  });
  const queryClient = useQueryClient();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!busy) writeLocalDraft(task.leaseId, answers.draft);
  }, [task.leaseId, answers.draft, busy]);
  useEffect(() => pruneLocalDrafts(), []);

  // A new task starts with the keyboard on its first question.
  useEffect(() => {
    if (root.current) focusFirstStop(root.current);
  }, []);

  function send() {
    if (busy) return;
    if (!answers.isComplete) {
      // Submit explains what is missing (the checklist) and takes the annotator to the first of it.
      const [first] = answers.problems;
      if (first) focusProblem(first.path);
      return;
    }
    const timeOnTaskMs = Math.max(0, Math.round(performance.now() - startedAt));
    performance.mark('feedbench:submit');
    onSubmit({ idempotencyKey, answers: answers.answers, timeOnTaskMs });
  }
  function sendSkip(reason: SkipReason, comment?: string) {
    skip.mutate(
      { leaseId: task.leaseId, body: { reason, comment } },
      {
        onSuccess: () => {
          clearLocalDraft(task.leaseId);
          onSkipped();
        },
      },
    );
  }

  useShortcuts([
    ...shortcuts,
    { key: 'Enter', mod: true, inFields: true, run: send },
    { key: 'j', run: () => moveFocus(1) },
    { key: 'k', run: () => moveFocus(-1) },
    { key: 's', run: () => setSkipOpen(true) },
  ]);

  const problemLines = describeProblems(answers.problems, task.questions, task.outputs);
  const submitPanel = (
    <section className="card submit-panel stack" aria-label={t('submit')}>
      <AnswerChecklist lines={problemLines} />
      {submitError && <ErrorNotice error={submitError} title={t('notSubmitted')} />}
      {skip.isError && <ErrorNotice error={skip.error} title={t('notSkipped')} />}
      {heartbeat.lost && (
        <div className="notice error stack" role="alert">
          <span>{errorMessage(heartbeat.lost)}</span>
          <button
            type="button"
            onClick={() => queryClient.invalidateQueries({ queryKey: nextTaskQueryOptions(task.projectId).queryKey })}
          >
            {t('getAnotherItem')}
          </button>
        </div>
      )}
      <button
        type="button"
        className="primary large"
        // Not `disabled`: a disabled button cannot take focus, and the checklist it describes must stay reachable.
        aria-disabled={!answers.isComplete || busy}
        aria-describedby="submit-checklist"
        aria-keyshortcuts="Control+Enter Meta+Enter"
        data-answer-stop="submit"
        onClick={send}
      >
        {submitting ? t('submitting') : t('submit')}
        <span className="shortcut" aria-hidden="true">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
        </span>
      </button>
      <div className="submit-meta">
        <DraftStatus
          restoredFrom={task.draft?.updatedAt}
          savedAt={draft.savedAt}
          saving={draft.saving}
          error={draft.error}
        />
        <TaskTimer startedAt={startedAt} />
      </div>
      <SkipForm disabled={busy || provisional} open={skipOpen} onOpenChange={setSkipOpen} onSkip={sendSkip} />
    </section>
  );

  return (
    <div ref={root} data-lease={task.leaseId}>
      {task.suggestion && <SuggestionNotice suggestion={task.suggestion} applied={suggested} />}
      <AnnotatorView
        task={task}
        answers={answers}
        layout={layout}
        expandAll={expandAll}
        header={header}
        submitPanel={submitPanel}
      />
    </div>
  );
}
