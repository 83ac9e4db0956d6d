import type { LabelDistribution } from '@feedbench/shared';
import { at } from '../agreement.messages.ts';
import { formatPercent } from './format.ts';

/** How often each flag or category was given: count and share of what was judged (outputs or annotations). */
export function LabelDistributionTable({ distribution }: { distribution: LabelDistribution }) {
  const of = distribution.type === 'flags' ? at('outputsJudged') : at('annotationsLower');
  return (
    <table className="table">
      <caption>{at('labelsGiven', { label: distribution.label, judged: distribution.judged, of })}</caption>
      <thead>
        <tr>
          <th scope="col">{at('label')}</th>
          <th scope="col">{at('count')}</th>
          <th scope="col">{at('share')}</th>
        </tr>
      </thead>
      <tbody>
        {distribution.labels.map((l) => (
          <tr key={l.id}>
            <th scope="row">{l.label}</th>
            <td>{l.count}</td>
            <td>{distribution.judged > 0 ? formatPercent(l.count / distribution.judged) : at('na')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
