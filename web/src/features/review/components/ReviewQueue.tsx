import type { Answers, ReviewQueueEntry } from '@feedbench/shared';
import { useState } from 'react';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { useReviewQueue } from '../api/get-review-queue.ts';
import { useSubmitReview } from '../api/submit-review.ts';
import { AnswerSummary } from './AnswerSummary.tsx';
import { DiffView } from './DiffView.tsx';

/** One annotation at a time, oldest first: accept it, reject it with a comment, or correct its demonstrations. */
export function ReviewQueue({ projectId }: { projectId: string }) {
  const queue = useReviewQueue(projectId);
  const submit = useSubmitReview(projectId);
  if (queue.isPending) return <Loading what="the review queue" />;
  if (queue.isError) return <ErrorNotice error={queue.error} title="Could not load the review queue" />;
  const [entry] = queue.data.entries;
  return (
    <div className="stack">
      {submit.isSuccess && (
        <div className="notice success stack" role="status">
          <p>Saved: {submit.data.verdict}.</p>
          {Object.entries(submit.data.diffs).map(([questionId, parts]) => (
            <DiffView key={questionId} parts={parts} />
          ))}
        </div>
      )}
      {entry ? (
        <ReviewCard
          key={entry.annotationId}
          entry={entry}
          waiting={queue.data.entries.length}
          pending={submit.isPending}
          error={submit.isError ? errorMessage(submit.error) : undefined}
          onVerdict={(body) => submit.mutate({ annotationId: entry.annotationId, body })}
        />
      ) : (
        <p className="muted">Nothing waits for review.</p>
      )}
    </div>
  );
}

type Verdict = Parameters<ReturnType<typeof useSubmitReview>['mutate']>[0]['body'];

function ReviewCard(props: {
  entry: ReviewQueueEntry;
  waiting: number;
  pending: boolean;
  error?: string;
  onVerdict(body: Verdict): void;
}) {
  const { entry } = props;
  const [comment, setComment] = useState('');
  const demonstrations = Object.entries(entry.answers).flatMap(([id, a]) =>
    a.type === 'demonstration' ? [[id, a.text] as const] : [],
  );
  const [edits, setEdits] = useState<Record<string, string>>(Object.fromEntries(demonstrations));
  const changed = demonstrations.some(([id, text]) => edits[id] !== text);

  function correct() {
    const correctedAnswers: Answers = { ...entry.answers };
    for (const [id] of demonstrations) {
      const original = entry.answers[id];
      if (original?.type === 'demonstration') correctedAnswers[id] = { ...original, text: edits[id] ?? original.text };
    }
    props.onVerdict({ verdict: 'corrected', correctedAnswers, comment: comment || undefined });
  }

  return (
    <article className="card stack" aria-labelledby="review-item-title">
      <h2 id="review-item-title">
        Item {entry.itemExternalId} <span className="muted">({props.waiting} waiting)</span>
      </h2>
      <section aria-label="Conversation" className="stack">
        {entry.conversation.map((message, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: turns have no id of their own
          <p key={index} style={{ whiteSpace: 'pre-wrap' }}>
            <strong>{message.role}:</strong> {message.content}
          </p>
        ))}
      </section>
      {entry.outputs.length > 0 && (
        <section aria-label="Outputs shown" className="stack">
          {entry.outputs.map((output, index) => (
            <p key={output.id} style={{ whiteSpace: 'pre-wrap' }}>
              <strong>Output {index + 1}:</strong> {output.content}
            </p>
          ))}
        </section>
      )}
      <section aria-label="Answers to review">
        <AnswerSummary answers={entry.answers} />
      </section>
      {demonstrations.map(([id]) => (
        <div key={id} className="field">
          <label htmlFor={`correct-${id}`}>Corrected {id}</label>
          <textarea
            id={`correct-${id}`}
            rows={6}
            value={edits[id] ?? ''}
            onChange={(e) => setEdits((all) => ({ ...all, [id]: e.target.value }))}
          />
        </div>
      ))}
      <div className="field">
        <label htmlFor="review-comment">Comment for the annotator</label>
        <textarea id="review-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      <div className="row wrap">
        <button
          type="button"
          className="primary"
          disabled={props.pending}
          onClick={() => props.onVerdict({ verdict: 'accepted', comment: comment || undefined })}
        >
          Accept
        </button>
        <button
          type="button"
          disabled={props.pending || comment.trim() === ''}
          onClick={() => props.onVerdict({ verdict: 'rejected', comment })}
        >
          Reject with comment
        </button>
        {demonstrations.length > 0 && (
          <button type="button" disabled={props.pending || !changed} onClick={correct}>
            Save correction
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
