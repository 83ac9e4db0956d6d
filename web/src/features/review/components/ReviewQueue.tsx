import type { Answer, Answers, Question, ReviewQueueEntry } from '@feedbench/shared';
import { useState } from 'react';
import { MarkdownView } from '../../../components/MarkdownView.tsx';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { AnswerField, shownOutputs } from '../../questions/QuestionParts.tsx';
import { useReviewQueue } from '../api/get-review-queue.ts';
import { useSubmitReview } from '../api/submit-review.ts';
import { reviewMessages } from '../review.messages.ts';
import { AnswerSummary } from './AnswerSummary.tsx';
import { DiffView } from './DiffView.tsx';

/**
 * One annotation at a time, oldest first, shown as the annotator saw it (outputs in their display order with their
 * letters, Markdown rendered, each answer in its type's view): accept it, reject it with a comment, or correct it
 * with the inputs annotators use.
 */
export function ReviewQueue({ projectId, questions }: { projectId: string; questions: Question[] }) {
  const t = useMessages(reviewMessages);
  const queue = useReviewQueue(projectId);
  const submit = useSubmitReview(projectId);
  if (queue.isPending) return <Loading what={t('theReviewQueue')} />;
  if (queue.isError) return <ErrorNotice error={queue.error} title={t('loadQueueFailed')} />;
  const [entry] = queue.data.entries;
  return (
    <div className="stack">
      {submit.isSuccess && (
        <div className="notice success stack" role="status">
          <p>{t('savedVerdict', { verdict: t(`verdict_${submit.data.verdict}`) })}</p>
          {Object.entries(submit.data.diffs).map(([questionId, parts]) => (
            <DiffView key={questionId} parts={parts} />
          ))}
        </div>
      )}
      {entry ? (
        <ReviewCard
          key={entry.annotationId}
          entry={entry}
          questions={questions}
          waiting={queue.data.entries.length}
          pending={submit.isPending}
          error={submit.isError ? errorMessage(submit.error) : undefined}
          onVerdict={(body) => submit.mutate({ annotationId: entry.annotationId, body })}
        />
      ) : (
        <p className="muted">{t('nothingWaits')}</p>
      )}
    </div>
  );
}

type Verdict = Parameters<ReturnType<typeof useSubmitReview>['mutate']>[0]['body'];

function ReviewCard(props: {
  entry: ReviewQueueEntry;
  questions: Question[];
  waiting: number;
  pending: boolean;
  error?: string;
  onVerdict(body: Verdict): void;
}) {
  const t = useMessages(reviewMessages);
  const { entry } = props;
  const outputs = shownOutputs(entry.outputs);
  const answered = props.questions.filter((q) => entry.answers[q.id] !== undefined);
  const [comment, setComment] = useState('');
  const [corrected, setCorrected] = useState<Answers>(entry.answers);
  const changed = JSON.stringify(corrected) !== JSON.stringify(entry.answers);
  const correct = (questionId: string, answer: Answer | undefined) =>
    setCorrected((all) => {
      const next = { ...all };
      if (answer) next[questionId] = answer;
      else delete next[questionId];
      return next;
    });

  return (
    <article className="card stack review-card" aria-labelledby="review-item-title">
      <h2 id="review-item-title">
        {t('itemWaiting', { item: entry.itemExternalId })}{' '}
        <span className="muted">{t('waiting', { count: props.waiting })}</span>
      </h2>
      <section aria-label={t('conversation')} className="stack">
        {entry.conversation.map((message, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: turns have no id of their own
          <div key={index} className={`turn turn-${message.role}`}>
            <strong>{t('roleSaid', { role: t(`role_${message.role}`) })}</strong>
            <MarkdownView text={message.content} />
          </div>
        ))}
      </section>
      {outputs.length > 0 && (
        <section aria-label={t('outputsShown')} className="review-outputs">
          {outputs.map((output) => (
            <article key={output.id} className="card output-card" aria-label={t('output', { label: output.label })}>
              <h3>
                <span className="output-label" aria-hidden="true">
                  {output.label}
                </span>{' '}
                {t('output', { label: output.label })}
              </h3>
              <MarkdownView text={output.content} className="output-content" />
            </article>
          ))}
        </section>
      )}
      <section aria-label={t('answersToReview')}>
        <AnswerSummary answers={entry.answers} questions={props.questions} outputs={outputs} />
      </section>
      {answered.length > 0 && (
        <section aria-label={t('correction')} className="stack">
          <h3>{t('correctTheAnswer')}</h3>
          <p className="hint">{t('correctionHint')}</p>
          {answered.map((question) => (
            <fieldset key={question.id} className="stack">
              <legend>{question.label}</legend>
              <AnswerField
                question={question}
                answer={corrected[question.id]}
                outputs={outputs}
                label={t('correctedLabel', { question: question.id })}
                onChange={(answer) => correct(question.id, answer)}
              />
            </fieldset>
          ))}
        </section>
      )}
      <div className="field">
        <label htmlFor="review-comment">{t('commentForAnnotator')}</label>
        <textarea
          id="review-comment"
          dir="auto"
          rows={3}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      <div className="row wrap">
        <button
          type="button"
          className="primary"
          disabled={props.pending}
          onClick={() => props.onVerdict({ verdict: 'accepted', comment: comment || undefined })}
        >
          {t('accept')}
        </button>
        <button
          type="button"
          disabled={props.pending || comment.trim() === ''}
          onClick={() => props.onVerdict({ verdict: 'rejected', comment })}
        >
          {t('rejectWithComment')}
        </button>
        {answered.length > 0 && (
          <button
            type="button"
            disabled={props.pending || !changed}
            onClick={() =>
              props.onVerdict({ verdict: 'corrected', correctedAnswers: corrected, comment: comment || undefined })
            }
          >
            {t('saveCorrection')}
          </button>
        )}
      </div>
      {props.error && (
        <p className="notice error" role="alert">
          {props.error}
        </p>
      )}
    </article>
  );
}
