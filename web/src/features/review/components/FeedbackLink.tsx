import { Link } from 'react-router';
import { useMyReviews } from '../api/get-my-reviews.ts';

/**
 * The way to one's feedback from the annotation page: a link with the number of rejected answers, so an annotator
 * notices a rejection without going looking for it.
 */
export function FeedbackLink({ projectId }: { projectId: string }) {
  const reviews = useMyReviews(projectId);
  const rejected = reviews.data?.reviews.filter((r) => r.verdict === 'rejected').length ?? 0;
  return (
    <Link className="button" to={`/projects/${projectId}/feedback`}>
      Feedback on your work
      {rejected > 0 && (
        <>
          {' '}
          <span className="badge verdict-rejected">{rejected} rejected</span>
        </>
      )}
    </Link>
  );
}
