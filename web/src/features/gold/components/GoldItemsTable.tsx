import type { GoldItem } from '@feedbench/shared';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { useUnmarkGold } from '../api/mark-gold.ts';
import { goldMessages } from '../gold.messages.ts';
import { answersSummary } from './answers-summary.ts';

/** The project's gold items: reference answers in short, how annotators did on each, and Unmark. */
export function GoldItemsTable({ projectId, items }: { projectId: string; items: GoldItem[] }) {
  const t = useMessages(goldMessages);
  const format = useFormat();
  const unmark = useUnmarkGold(projectId);
  if (items.length === 0) {
    return <p className="muted">{t('noGoldItems')}</p>;
  }
  return (
    <div className="stack">
      <table className="table">
        <caption className="visually-hidden">{t('goldItems')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('item')}</th>
            <th scope="col">{t('referenceAnswers')}</th>
            <th scope="col">{t('answered')}</th>
            <th scope="col">{t('meanScore')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.itemId}>
              <th scope="row">{item.itemExternalId}</th>
              <td dir="auto">{answersSummary(item.answers)}</td>
              <td>{item.answered}</td>
              <td>{item.meanScore === null ? '–' : format.percent(Math.round(item.meanScore * 100) / 100)}</td>
              <td>
                <button
                  type="button"
                  className="ghost"
                  onClick={() => unmark.mutate(item.itemId)}
                  disabled={unmark.isPending}
                  aria-label={t('unmarkWho', { item: item.itemExternalId })}
                >
                  {t('unmark')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {unmark.isError && <ErrorNotice error={unmark.error} title={t('notUnmarked')} />}
    </div>
  );
}
