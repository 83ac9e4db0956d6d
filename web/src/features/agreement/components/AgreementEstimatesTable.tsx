import type { QuestionAgreement } from '@feedbench/shared';
import { ESTIMATE_LABELS, formatStatistic } from './format.ts';

/** A question's agreement estimates with their bootstrap confidence intervals. */
export function AgreementEstimatesTable({ question, confidence }: { question: QuestionAgreement; confidence: number }) {
  const level = Math.round(confidence * 100);
  return (
    <table className="table">
      <caption>Agreement on “{question.label}”</caption>
      <thead>
        <tr>
          <th scope="col">Estimate</th>
          <th scope="col">Value</th>
          <th scope="col">{level}% CI</th>
          <th scope="col">Items</th>
        </tr>
      </thead>
      <tbody>
        {question.estimates.map((e) => (
          <tr key={e.estimate}>
            <th scope="row">{ESTIMATE_LABELS[e.estimate]}</th>
            <td>{formatStatistic(e.value)}</td>
            <td>{e.ci ? `${formatStatistic(e.ci[0])} – ${formatStatistic(e.ci[1])}` : 'n/a'}</td>
            <td>{e.items}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
