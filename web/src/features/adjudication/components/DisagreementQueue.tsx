import { Link } from 'react-router';
import { MorePagesButton } from '../../../components/MorePagesButton.tsx';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { adjudicationMessages } from '../adjudication.messages.ts';
import { useDisagreementQueue } from '../api/get-disagreement-queue.ts';

const MEASURES = {
  ranking: '1 − pairwise ranking agreement among the item’s annotators',
  pairwise: 'share of annotators outside the majority verdict',
  rating: 'mean rating range per output, over the scale width',
  classification: 'share of annotators whose labels differ from the most common choice',
} as const;

/** Items whose annotators disagree most, worst first, each linking to its side-by-side adjudication. */
export function DisagreementQueue({ projectId }: { projectId: string }) {
  const t = useMessages(adjudicationMessages);
  const queue = useDisagreementQueue(projectId);
  if (queue.isPending) return <Loading what="the disagreement queue" />;
  if (queue.isError) return <ErrorNotice error={queue.error} title="Could not load the disagreement queue" />;
  const question = queue.data.pages[0]?.question ?? null;
  const entries = queue.data.pages.flatMap((page) => page.entries);
  if (!question) {
    return (
      <p className="muted">This template has no ranking, pairwise, rating or classification question to compare.</p>
    );
  }
  const measure = MEASURES[question.type as keyof typeof MEASURES];
  return (
    <div className="stack">
      <p className="muted">
        Measured on “{question.label}” ({question.type}): {measure}. 0 = all agree, 1 = as far apart as possible.
        Rejected answers are left out; only items with two or more answers are listed.
      </p>
      {entries.length === 0 ? (
        <p className="muted">No item has two or more answers yet.</p>
      ) : (
        <table aria-label="Items by disagreement">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Disagreement</th>
              <th scope="col">Answers</th>
              <th scope="col">Adjudicated</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.itemId}>
                <td>
                  <Link to={`/projects/${projectId}/adjudication/${entry.itemId}`}>{entry.itemExternalId}</Link>
                </td>
                <td>{entry.disagreement.toFixed(2)}</td>
                <td>{entry.annotations}</td>
                <td>{entry.adjudicatedAt ? new Date(entry.adjudicatedAt).toLocaleString() : 'not yet'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <MorePagesButton query={queue} label={t('moreEntries')} loadingLabel={t('loadingMore')} />
    </div>
  );
}
