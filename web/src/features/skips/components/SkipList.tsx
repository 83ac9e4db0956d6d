import { SKIP_REASON_LABELS, type SkipEntry } from '@feedbench/shared';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Every skip, newest first: who skipped which item, when, why, and what they wrote. */
export function SkipList({ skips }: { skips: SkipEntry[] }) {
  if (skips.length === 0) {
    return <p className="muted">Nobody skipped an item yet.</p>;
  }
  return (
    <table>
      <caption className="visually-hidden">Skips</caption>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Reason</th>
          <th scope="col">Comment</th>
          <th scope="col">Annotator</th>
          <th scope="col">When</th>
        </tr>
      </thead>
      <tbody>
        {skips.map((skip) => (
          <tr key={`${skip.itemId}:${skip.annotatorEmail}`}>
            <th scope="row">{skip.externalId}</th>
            <td>{SKIP_REASON_LABELS[skip.reason]}</td>
            {/* Annotator text: rendered as plain text, never as HTML. */}
            <td>{skip.comment ?? <span className="muted">–</span>}</td>
            <td>{skip.annotatorEmail}</td>
            <td>
              <time dateTime={skip.createdAt}>{when.format(new Date(skip.createdAt))}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
