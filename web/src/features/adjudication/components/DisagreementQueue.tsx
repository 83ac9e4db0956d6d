import { Link } from 'react-router';
import { MorePagesButton } from '../../../components/MorePagesButton.tsx';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { QUESTION_KINDS } from '../../questions/registry.ts';
import { adjudicationMessages } from '../adjudication.messages.ts';
import { useDisagreementQueue } from '../api/get-disagreement-queue.ts';

const MEASURES = {
  ranking: 'measure_ranking',
  pairwise: 'measure_pairwise',
  rating: 'measure_rating',
  classification: 'measure_classification',
} as const;

/** Items whose annotators disagree most, worst first, each linking to its side-by-side adjudication. */
export function DisagreementQueue({ projectId }: { projectId: string }) {
  const t = useMessages(adjudicationMessages);
  const format = useFormat();
  const queue = useDisagreementQueue(projectId);
  if (queue.isPending) return <Loading what={t('theQueue')} />;
  if (queue.isError) return <ErrorNotice error={queue.error} title={t('loadQueueFailed')} />;
  const question = queue.data.pages[0]?.question ?? null;
  const entries = queue.data.pages.flatMap((page) => page.entries);
  if (!question) {
    return <p className="muted">{t('noComparable')}</p>;
  }
  const measureKey = MEASURES[question.type as keyof typeof MEASURES];
  const measure = measureKey ? t(measureKey) : '';
  return (
    <div className="stack">
      <p className="muted">
        {t('measuredOn', { question: question.label, type: QUESTION_KINDS[question.type].name, measure })}
      </p>
      {entries.length === 0 ? (
        <p className="muted">{t('noItemTwoAnswers')}</p>
      ) : (
        <table className="table" aria-label={t('itemsByDisagreement')}>
          <thead>
            <tr>
              <th scope="col">{t('item')}</th>
              <th scope="col">{t('disagreementCol')}</th>
              <th scope="col">{t('answers')}</th>
              <th scope="col">{t('adjudicated')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.itemId}>
                <td>
                  <Link to={`/projects/${projectId}/adjudication/${entry.itemId}`}>{entry.itemExternalId}</Link>
                </td>
                <td>{format.fixed(entry.disagreement, 2)}</td>
                <td>{entry.annotations}</td>
                <td>{entry.adjudicatedAt ? format.dateTime(entry.adjudicatedAt) : t('notYet')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <MorePagesButton query={queue} label={t('moreEntries')} loadingLabel={t('loadingMore')} />
    </div>
  );
}
