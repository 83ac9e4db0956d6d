import type { QuestionAgreement } from '@feedbench/shared';
import { Link } from 'react-router';
import { at } from '../agreement.messages.ts';
import { drillDownPath } from './drill-down-path.ts';
import { formatStatistic } from './format.ts';

/** The items annotators disagreed on most, worst first; each links to its annotations. */
export function LowAgreementItems({ projectId, question }: { projectId: string; question: QuestionAgreement }) {
  const measure = question.type === 'rating' ? at('measureRating') : at('measurePairwise');
  if (question.lowAgreementItems.length === 0) {
    return <p className="muted">{at('noItemsToCompare')}</p>;
  }
  return (
    <table className="table">
      <caption>{at('lowestAgreement', { label: question.label })}</caption>
      <thead>
        <tr>
          <th scope="col">{at('item')}</th>
          <th scope="col">{at('annotators')}</th>
          <th scope="col">{measure}</th>
        </tr>
      </thead>
      <tbody>
        {question.lowAgreementItems.map((item) => (
          <tr key={item.itemId}>
            <th scope="row">
              <Link to={drillDownPath(projectId, { itemId: item.itemId })}>{item.externalId}</Link>
            </th>
            <td>{item.annotators}</td>
            <td>{formatStatistic(item.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
