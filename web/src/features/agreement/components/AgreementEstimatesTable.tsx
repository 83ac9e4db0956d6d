import type { QuestionAgreement } from '@feedbench/shared';
import { at } from '../agreement.messages.ts';
import { estimateLabel, formatLevel, formatStatistic } from './format.ts';

/** A question's agreement estimates with their bootstrap confidence intervals. */
export function AgreementEstimatesTable({ question, confidence }: { question: QuestionAgreement; confidence: number }) {
  return (
    <table className="table">
      <caption>{at('agreementOn', { label: question.label })}</caption>
      <thead>
        <tr>
          <th scope="col">{at('estimate')}</th>
          <th scope="col">{at('value')}</th>
          <th scope="col">{at('ciLevel', { level: formatLevel(confidence) })}</th>
          <th scope="col">{at('items')}</th>
        </tr>
      </thead>
      <tbody>
        {question.estimates.map((e) => (
          <tr key={e.estimate}>
            <th scope="row">{estimateLabel(e.estimate)}</th>
            <td>{formatStatistic(e.value)}</td>
            <td>{e.ci ? `${formatStatistic(e.ci[0])} – ${formatStatistic(e.ci[1])}` : at('na')}</td>
            <td>{e.items}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
