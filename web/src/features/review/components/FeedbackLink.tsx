import { Link } from 'react-router';
import { useMessages } from '../../../i18n/messages.ts';
import { useMyReviews } from '../api/get-my-reviews.ts';
import { reviewMessages } from '../review.messages.ts';

/**
 * The way to one's feedback from the annotation page: a link with the number of rejected answers, so an annotator
 * notices a rejection without going looking for it.
 */
export function FeedbackLink({ projectId }: { projectId: string }) {
  const t = useMessages(reviewMessages);
  const reviews = useMyReviews(projectId);
  const rejected = reviews.data?.reviews.filter((r) => r.verdict === 'rejected').length ?? 0;
  return (
    <Link className="button" to={`/projects/${projectId}/feedback`}>
      {t('feedbackOnYourWork')}
      {rejected > 0 && (
        <>
          {' '}
          <span className="badge verdict-rejected">{t('rejectedCount', { count: rejected })}</span>
        </>
      )}
    </Link>
  );
}
