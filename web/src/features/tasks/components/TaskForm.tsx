import type { Question, SkipReason, Task } from '@feedbench/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { MarkdownEditor } from '../../../components/MarkdownEditor.tsx';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { randomUuid } from '../../../lib/uuid.ts';
import { nextTaskQueryOptions } from '../api/next-task.ts';
import { useSkipTask } from '../api/skip-task.ts';
import { useSubmitTask } from '../api/submit-task.ts';
import { useDraftAutosave } from '../hooks/useDraftAutosave.ts';
import { useLeaseHeartbeat } from '../hooks/useLeaseHeartbeat.ts';
import { useShortcuts } from '../hooks/useShortcuts.ts';
import { useTaskAnswers } from '../hooks/useTaskAnswers.ts';
import { AnswerChecklist, describeProblems } from './AnswerChecklist.tsx';
import { ConversationView } from './ConversationView.tsx';
import { DraftStatus } from './DraftStatus.tsx';
import { GuidelinesPanel } from './GuidelinesPanel.tsx';
import { LikertScale } from './LikertScale.tsx';
import { OutputCard } from './OutputCard.tsx';
import { RankingBoard } from './RankingBoard.tsx';
import { SkipForm } from './SkipForm.tsx';

type RatingQuestion = Extract<Question, { type: 'rating' }>;
type RankingQuestion = Extract<Question, { type: 'ranking' }>;

interface TaskFormProps {
  task: Task;
  guidelines: string;
  guidelinesOpen: boolean;
  onToggleGuidelines: () => void;
  /** Called once the server has stored the annotation (or the skip). */
  onDone: (what: 'submitted' | 'skipped') => void;
}

/** One leased item: mounted per lease (keyed by leaseId), so its idempotency key and timer belong to that task. */
export function TaskForm({ task, guidelines, guidelinesOpen, onToggleGuidelines, onDone }: TaskFormProps) {
  const answers = useTaskAnswers(task);
  const submit = useSubmitTask(task.projectId);
  const skip = useSkipTask(task.projectId);
  // Generated once per task: a retried submit (double click, flaky network) is stored once.
  const [idempotencyKey] = useState(randomUuid);
  const startedAt = useRef(performance.now());
  const busy = submit.isPending || skip.isPending || submit.isSuccess || skip.isSuccess;
  const heartbeat = useLeaseHeartbeat(task.leaseId, task.expiresAt, !busy);
  const draft = useDraftAutosave(task.leaseId, answers.answers, {
    enabled: !busy,
    onLeaseExtended: heartbeat.extendTo,
  });
  const queryClient = useQueryClient();

  function send() {
    if (!answers.isComplete || busy) return;
    const timeOnTaskMs = Math.max(0, Math.round(performance.now() - startedAt.current));
    submit.mutate(
      { leaseId: task.leaseId, body: { idempotencyKey, answers: answers.answers, timeOnTaskMs } },
      { onSuccess: () => onDone('submitted') },
    );
  }
  function sendSkip(reason: SkipReason, comment?: string) {
    skip.mutate({ leaseId: task.leaseId, body: { reason, comment } }, { onSuccess: () => onDone('skipped') });
  }

  useShortcuts([
    { key: 'Enter', mod: true, inFields: true, run: send },
    { key: 'g', run: onToggleGuidelines },
  ]);

  const ratingQuestions = task.questions.filter((q): q is RatingQuestion => q.type === 'rating');
  const rankingQuestions = task.questions.filter((q): q is RankingQuestion => q.type === 'ranking');
  const boardQuestion = rankingQuestions[0];
  const showOutputs = task.outputs.length > 0 && (ratingQuestions.length > 0 || rankingQuestions.length > 0);
  const problemLines = describeProblems(answers.problems, task.questions, task.outputs);

  const guidelinesPanel = (
    <GuidelinesPanel guidelines={guidelines} open={guidelinesOpen} onToggle={onToggleGuidelines} />
  );
  const prompt = (
    <section className="card stack" aria-labelledby="prompt-title">
      <div className="section-head">
        <h2 id="prompt-title">Prompt</h2>
        <span className="muted">item {task.item.externalId}</span>
      </div>
      <ConversationView conversation={task.conversation} />
    </section>
  );
  const editors = task.questions.map((question) =>
    question.type === 'demonstration' ? (
      <section key={question.id} className="card" aria-label={question.label}>
        <MarkdownEditor
          label={question.label}
          value={answers.textOf(question.id)}
          onChange={(text) => answers.setText(question.id, text)}
          rows={14}
          autoFocus
          hint={`Markdown is supported. At least ${question.minLength} character${question.minLength === 1 ? '' : 's'}.`}
        />
      </section>
    ) : null,
  );
  const submitPanel = (
    <section className="card submit-panel stack" aria-label="Submit">
      <AnswerChecklist lines={problemLines} />
      {submit.isError && <ErrorNotice error={submit.error} title="Not submitted" />}
      {skip.isError && <ErrorNotice error={skip.error} title="Not skipped" />}
      {heartbeat.lost && (
        <div className="notice error stack" role="alert">
          <span>{heartbeat.lost.message}</span>
          <button
            type="button"
            onClick={() => queryClient.invalidateQueries({ queryKey: nextTaskQueryOptions(task.projectId).queryKey })}
          >
            Get another item
          </button>
        </div>
      )}
      <button
        type="button"
        className="primary large"
        disabled={!answers.isComplete || busy}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        onClick={send}
      >
        {submit.isPending ? 'Submitting…' : 'Submit'}
        <span className="shortcut" aria-hidden="true">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
        </span>
      </button>
      <DraftStatus
        restoredFrom={task.draft?.updatedAt}
        savedAt={draft.savedAt}
        saving={draft.saving}
        error={draft.error}
      />
      <SkipForm disabled={busy} onSkip={sendSkip} />
    </section>
  );

  if (!showOutputs) {
    return (
      <div className="task stack">
        {guidelinesPanel}
        {prompt}
        {editors}
        {submitPanel}
      </div>
    );
  }

  // Outputs to compare: read them on the left, while the ranking and Submit stay in view on the right.
  return (
    <div className="task task-with-sidebar">
      <div className="task-main stack">
        {guidelinesPanel}
        {prompt}
        {editors}
        <section className="outputs" aria-label="Model outputs">
          {task.outputs.map((output) => (
            <OutputCard
              key={output.id}
              output={output}
              ranking={
                boardQuestion && {
                  rank: answers.ranksOf(boardQuestion.id)[output.id],
                  outputCount: task.outputs.length,
                  onRank: (rank) => answers.setRank(boardQuestion.id, output.id, rank),
                }
              }
            >
              {ratingQuestions.map((question) => (
                <div key={question.id} className="question">
                  <span className="field-label">{question.label}</span>
                  <LikertScale
                    label={`${question.label} for output ${output.label}`}
                    min={question.min}
                    max={question.max}
                    minLabel={question.minLabel}
                    maxLabel={question.maxLabel}
                    value={answers.ratingOf(question.id, output.id)}
                    onChange={(value) => answers.setRating(question.id, output.id, value)}
                  />
                </div>
              ))}
            </OutputCard>
          ))}
        </section>
      </div>
      <aside className="task-side stack" aria-label="Your answer">
        {rankingQuestions.map((question) => (
          <RankingBoard
            key={question.id}
            label={question.label}
            allowTies={question.allowTies}
            outputs={task.outputs}
            ranks={answers.ranksOf(question.id)}
            onRank={(outputId, rank) => answers.setRank(question.id, outputId, rank)}
          />
        ))}
        {submitPanel}
      </aside>
    </div>
  );
}
