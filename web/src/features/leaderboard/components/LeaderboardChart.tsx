import type { LeaderboardResponse } from '@feedbench/shared';
import { CartesianGrid, ErrorBar, ResponsiveContainer, Scatter, ScatterChart, XAxis, YAxis } from 'recharts';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { leaderboardMessages } from '../leaderboard.messages.ts';

/** Each model's rating as a dot with its bootstrap interval as a bar; the figures are listed in text for screen readers. */
export function LeaderboardChart({ board }: { board: LeaderboardResponse }) {
  const t = useMessages(leaderboardMessages);
  const format = useFormat();
  const confidence = format.percent(board.bootstrap.confidence);
  const points = board.models.map((m) => ({
    model: m.model,
    rating: m.rating,
    interval: m.ratingInterval ? [m.rating - m.ratingInterval[0], m.ratingInterval[1] - m.rating] : [0, 0],
  }));
  const summary = board.models
    .map((m) =>
      t('chartSummary', {
        model: m.model,
        rating: format.integer(m.rating),
        low: m.ratingInterval ? format.integer(m.ratingInterval[0]) : t('none'),
        high: m.ratingInterval ? format.integer(m.ratingInterval[1]) : t('none'),
      }),
    )
    .join('; ');
  const height = 60 + 36 * board.models.length;
  return (
    <figure className="chart" aria-label={t('chartTitle', { confidence })}>
      <figcaption>
        <strong>{t('chartTitle', { confidence })}</strong> <span className="muted">{summary}</span>
      </figcaption>
      <div aria-hidden="true" style={{ width: '100%', height }}>
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart accessibilityLayer={false} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" dataKey="rating" domain={['auto', 'auto']} tickFormatter={format.integer} />
            <YAxis type="category" dataKey="model" width={140} />
            <Scatter data={points} fill="#2563eb" isAnimationActive={false}>
              <ErrorBar dataKey="interval" direction="x" width={6} stroke="#1e3a8a" />
            </Scatter>
          </ScatterChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
