import type { LeaderboardResponse } from '@feedbench/shared';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { leaderboardMessages } from '../leaderboard.messages.ts';

/** Row model's share of wins against the column model, with the comparisons behind it. */
export function WinRateMatrix({ board }: { board: LeaderboardResponse }) {
  const t = useMessages(leaderboardMessages);
  const format = useFormat();
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>{t('winRatesCaption')}</caption>
        <thead>
          <tr>
            <td />
            {board.models.map((m) => (
              <th key={m.model} scope="col" dir="auto">
                {m.model}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {board.models.map((row, i) => (
            <tr key={row.model}>
              <th scope="row" dir="auto">
                {row.model}
              </th>
              {board.models.map((column, j) => {
                const rate = board.winRates[i]?.[j] ?? null;
                return (
                  <td key={column.model}>
                    {rate === null
                      ? t('none')
                      : t('winRateCell', {
                          rate: format.percent(rate),
                          count: format.integer(board.comparisonCounts[i]?.[j] ?? 0),
                        })}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
