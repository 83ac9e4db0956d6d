import type { GoldItem } from '@feedbench/shared';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { useUnmarkGold } from '../api/mark-gold.ts';
import { answersSummary } from './answers-summary.ts';

/** The project's gold items: reference answers in short, how annotators did on each, and Unmark. */
export function GoldItemsTable({ projectId, items }: { projectId: string; items: GoldItem[] }) {
  const unmark = useUnmarkGold(projectId);
  if (items.length === 0) {
    return <p className="muted">No gold items yet: use an annotation below as the reference answer.</p>;
  }
  return (
    <div className="stack">
      <table>
        <caption className="visually-hidden">Gold items</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Reference answers</th>
            <th scope="col">Answered</th>
            <th scope="col">Mean score</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.itemId}>
              <th scope="row">{item.itemExternalId}</th>
              <td>{answersSummary(item.answers)}</td>
              <td>{item.answered}</td>
              <td>{item.meanScore === null ? '–' : `${Math.round(item.meanScore * 100)}%`}</td>
              <td>
                <button
                  type="button"
                  className="ghost"
                  onClick={() => unmark.mutate(item.itemId)}
                  disabled={unmark.isPending}
                  aria-label={`Unmark ${item.itemExternalId}`}
                >
                  Unmark
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {unmark.isError && <ErrorNotice error={unmark.error} title="Not unmarked" />}
    </div>
  );
}
