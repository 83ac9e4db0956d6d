import type { QuestionAgreement } from '@feedbench/shared';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ESTIMATE_LABELS, formatStatistic } from './format.ts';

const COLORS = ['#2563eb', '#d97706', '#059669', '#7c3aed', '#dc2626'];

/** Agreement by day (UTC), one line per estimate; the chart is hidden from screen readers behind a text summary. */
export function AgreementOverTimeChart({ question }: { question: QuestionAgreement }) {
  const names = question.estimates.map((e) => e.estimate);
  const rows = question.overTime.map((day) => {
    const row: Record<string, string | number | null> = { day: day.day, items: day.items };
    for (const e of day.estimates) row[e.estimate] = e.value;
    return row;
  });
  const latest = question.overTime.at(-1);
  const primary = names[0];
  const latestValue = latest?.estimates.find((e) => e.estimate === primary)?.value ?? null;
  const summary =
    latest && primary
      ? `Agreement over ${question.overTime.length} day${question.overTime.length === 1 ? '' : 's'}; ` +
        `${ESTIMATE_LABELS[primary]} on ${latest.day}: ${formatStatistic(latestValue)} over ${latest.items} items.`
      : 'No days with annotations yet.';

  return (
    <figure className="chart" aria-label={`Agreement over time for “${question.label}”`}>
      <figcaption>
        <strong>Agreement over time</strong> <span className="muted">{summary}</span>
      </figcaption>
      {rows.length > 0 && (
        <div aria-hidden="true" style={{ width: '100%', height: 240 }}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" />
              <YAxis domain={[-1, 1]} />
              <Tooltip />
              <Legend />
              {names.map((name, i) => (
                <Line
                  key={name}
                  type="monotone"
                  dataKey={name}
                  name={ESTIMATE_LABELS[name]}
                  stroke={COLORS[i % COLORS.length]}
                  connectNulls
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}
