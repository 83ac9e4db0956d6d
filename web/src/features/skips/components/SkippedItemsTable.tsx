import { SKIP_REASON_LABELS, type SkippedItem } from '@feedbench/shared';

/** Skipped items still short of the overlap target, most skipped first: prompts to fix, reword or remove. */
export function SkippedItemsTable({ items, overlapTarget }: { items: SkippedItem[]; overlapTarget: number }) {
  if (items.length === 0) {
    return <p className="muted">No skipped item is short of its target.</p>;
  }
  return (
    <table>
      <caption className="visually-hidden">Skipped items short of their target</caption>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Skips</th>
          <th scope="col">Annotations</th>
          <th scope="col">Reasons</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.itemId}>
            <th scope="row">{item.externalId}</th>
            <td>{item.skips}</td>
            <td>
              {item.annotations} of {overlapTarget}
            </td>
            <td>{item.reasons.map((r) => SKIP_REASON_LABELS[r]).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
