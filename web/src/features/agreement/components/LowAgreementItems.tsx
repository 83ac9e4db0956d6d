import type { QuestionAgreement } from '@feedbench/shared';
import { Link } from 'react-router';
import { drillDownPath } from './drill-down-path.ts';

/** The items annotators disagreed on most, worst first; each links to its annotations. */
export function LowAgreementItems({ projectId, question }: { projectId: string; question: QuestionAgreement }) {
  const measure = question.type === 'rating' ? 'Mean difference between annotators' : 'Pairwise agreement';
  if (question.lowAgreementItems.length === 0) {
    return <p className="muted">No items with two or more annotators to compare yet.</p>;
  }
  return (
    <table className="table">
      <caption>Lowest-agreement items on “{question.label}”</caption>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Annotators</th>
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
            <td>{item.value.toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
