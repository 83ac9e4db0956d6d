import type { LeaderboardResponse } from '@feedbench/shared';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { leaderboardMessages } from '../leaderboard.messages.ts';

/** Models best first: rank, rating with its interval, record and comparisons. */
export function LeaderboardTable({ board }: { board: LeaderboardResponse }) {
  const t = useMessages(leaderboardMessages);
  const format = useFormat();
  return (
    <table className="table">
      <caption className="visually-hidden">{t('tableTitle')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('rank')}</th>
          <th scope="col">{t('model')}</th>
          <th scope="col">{t('rating')}</th>
          <th scope="col">{t('interval', { confidence: format.percent(board.bootstrap.confidence) })}</th>
          <th scope="col">{t('record')}</th>
          <th scope="col">{t('comparisons')}</th>
          <th scope="col">{t('meanLength')}</th>
        </tr>
      </thead>
      <tbody>
        {board.models.map((m) => (
          <tr key={m.model}>
            <td>{format.integer(m.rank)}</td>
            <th scope="row" dir="auto">
              {m.model}
            </th>
            <td>{format.integer(m.rating)}</td>
            <td>
              {m.ratingInterval
                ? `${format.integer(m.ratingInterval[0])} – ${format.integer(m.ratingInterval[1])}`
                : t('none')}
            </td>
            <td>
              {format.integer(m.wins)} / {format.integer(m.losses)} / {format.integer(m.ties)}
            </td>
            <td>{format.integer(m.comparisons)}</td>
            <td>{format.integer(m.meanLength)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
