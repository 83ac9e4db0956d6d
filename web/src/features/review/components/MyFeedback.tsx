import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { useMyReviews } from '../api/get-my-reviews.ts';
import { reviewMessages } from '../review.messages.ts';
import { AnswerSummary } from './AnswerSummary.tsx';
import { DiffView } from './DiffView.tsx';

/** What reviewers said about the caller's own annotations in one project, with the answer each verdict is about. */
export function MyFeedback({ projectId }: { projectId: string }) {
  const t = useMessages(reviewMessages);
  const format = useFormat();
  const reviews = useMyReviews(projectId);
  if (reviews.isPending) return <Loading what={t('yourFeedback')} />;
  if (reviews.isError) return <ErrorNotice error={reviews.error} title={t('loadFeedbackFailed')} />;
  if (reviews.data.reviews.length === 0) return <p className="muted">{t('noFeedback')}</p>;
  return (
    <ul className="stack" style={{ listStyle: 'none', padding: 0 }} aria-label={t('feedbackOnYourWork')}>
      {reviews.data.reviews.map((review) => (
        <li key={review.id} className="card stack">
          <p>
            <span className={`badge verdict-${review.verdict}`}>{t(`verdict_${review.verdict}`)}</span> {t('item')}{' '}
            <code>{review.itemExternalId}</code> <span className="muted">{format.dateTime(review.reviewedAt)}</span>
          </p>
          {review.comment && (
            <blockquote aria-label={t('reviewersComment')} dir="auto" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {review.comment}
            </blockquote>
          )}
          <p className="muted">{t(`afterwards_${review.verdict}`)}</p>
          {Object.entries(review.diffs).map(([questionId, parts]) => (
            <DiffView key={questionId} parts={parts} />
          ))}
          <details>
            <summary>{t('yourOriginalAnswer')}</summary>
            <AnswerSummary answers={review.originalAnswers} />
          </details>
        </li>
      ))}
    </ul>
  );
}
