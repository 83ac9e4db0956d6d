import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useMyReviews } from '../api/get-my-reviews.ts';
import { DiffView } from './DiffView.tsx';

/** What reviewers said about the caller's own annotations in one project. */
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
            <span className={`badge verdict-${review.verdict}`}>{review.verdict}</span>{' '}
            <span className="muted">{new Date(review.reviewedAt).toLocaleString()}</span>
          </p>
          {review.comment && <p style={{ whiteSpace: 'pre-wrap' }}>{review.comment}</p>}
          {Object.entries(review.diffs).map(([questionId, parts]) => (
            <DiffView key={questionId} parts={parts} />
          ))}
        </li>
      ))}
    </ul>
  );
}
