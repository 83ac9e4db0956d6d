import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useMyReviews } from '../api/get-my-reviews.ts';
import { AnswerSummary } from './AnswerSummary.tsx';
import { DiffView } from './DiffView.tsx';

/** What happens to the item after each verdict, in the annotator's words. */
const AFTERWARDS = {
  accepted: 'Your answer stands.',
  rejected: 'This item went back to the pool: another annotator answers it in your place.',
  corrected: 'The corrected version is used; yours is kept beside it.',
} as const;

/** What reviewers said about the caller's own annotations in one project, with the answer each verdict is about. */
export function MyFeedback({ projectId }: { projectId: string }) {
  const reviews = useMyReviews(projectId);
  if (reviews.isPending) return <Loading what="your feedback" />;
  if (reviews.isError) return <ErrorNotice error={reviews.error} title="Could not load your feedback" />;
  if (reviews.data.reviews.length === 0) return <p className="muted">No feedback on your work yet.</p>;
  return (
    <ul className="stack" style={{ listStyle: 'none', padding: 0 }} aria-label="Feedback on your work">
      {reviews.data.reviews.map((review) => (
        <li key={review.id} className="card stack">
          <p>
            <span className={`badge verdict-${review.verdict}`}>{review.verdict}</span> Item{' '}
            <code>{review.itemExternalId}</code>{' '}
            <span className="muted">{new Date(review.reviewedAt).toLocaleString()}</span>
          </p>
          {review.comment && (
            <blockquote aria-label="Reviewer's comment" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {review.comment}
            </blockquote>
          )}
          <p className="muted">{AFTERWARDS[review.verdict]}</p>
          {Object.entries(review.diffs).map(([questionId, parts]) => (
            <DiffView key={questionId} parts={parts} />
          ))}
          <details>
            <summary>Your original answer</summary>
            <AnswerSummary answers={review.originalAnswers} />
          </details>
        </li>
      ))}
    </ul>
  );
}
