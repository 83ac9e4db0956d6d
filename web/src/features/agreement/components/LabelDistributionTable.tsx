import type { LabelDistribution } from '@feedbench/shared';
import { formatPercent } from './format.ts';

/** How often each flag or category was given: count and share of what was judged (outputs or annotations). */
export function LabelDistributionTable({ distribution }: { distribution: LabelDistribution }) {
  const of = distribution.type === 'flags' ? 'outputs judged' : 'annotations';
  return (
    <table className="table">
      <caption>
        Labels given on “{distribution.label}” ({distribution.judged} {of})
      </caption>
      <thead>
        <tr>
          <th scope="col">Label</th>
          <th scope="col">Count</th>
          <th scope="col">Share</th>
        </tr>
      </thead>
      <tbody>
        {distribution.labels.map((l) => (
          <tr key={l.id}>
            <th scope="row">{l.label}</th>
            <td>{l.count}</td>
            <td>{distribution.judged > 0 ? formatPercent(l.count / distribution.judged) : 'n/a'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
