import type { QuestionAgreement } from '@feedbench/shared';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { at } from '../agreement.messages.ts';
import { estimateLabel, formatStatistic } from './format.ts';

const COLORS = ['#2563eb', '#d97706', '#059669', '#7c3aed', '#dc2626'];

/** What the series groups items by: the day of their latest answer, their import, or runs of submission order. */
export type SeriesGrouping = 'day' | 'import' | 'submission';

interface Point {
  /** The x-axis label. */
  x: string;
  /** Said in the text summary. */
  description: string;
  items: number;
  estimates: { estimate: string; value: number | null }[];
}

const dateOf = (iso: string) => iso.slice(0, 10);

function points(question: QuestionAgreement, grouping: SeriesGrouping): Point[] {
  if (grouping === 'day') {
    return question.overTime.map((d) => ({
      x: d.day,
      description: at('onDay', { day: d.day }),
      items: d.items,
      estimates: d.estimates,
    }));
  }
  return question.overBatches[grouping].map((b) => ({
    x: grouping === 'import' ? at('importN', { n: b.index }) : `#${b.index}`,
    description:
      grouping === 'import'
        ? at('inImport', { n: b.index, date: dateOf(b.from) })
        : at('inBatch', { n: b.index, from: dateOf(b.from), to: dateOf(b.to) }),
    items: b.items,
    estimates: b.estimates,
  }));
}

/**
 * Agreement over time, one line per estimate, by day (UTC), by import batch or by fixed-size batches of submission
 * order (the grouping is chosen on the dashboard); the chart is hidden from screen readers behind a text summary.
 */
export function AgreementOverTimeChart({
  question,
  grouping = 'day',
}: {
  question: QuestionAgreement;
  grouping?: SeriesGrouping;
}) {
  const names = question.estimates.map((e) => e.estimate);
  const series = points(question, grouping);
  const rows = series.map((point) => {
    const row: Record<string, string | number | null> = { x: point.x, items: point.items };
    for (const e of point.estimates) row[e.estimate] = e.value;
    return row;
  });
  const latest = series.at(-1);
  const primary = names[0];
  const latestValue = latest?.estimates.find((e) => e.estimate === primary)?.value ?? null;
  const summary =
    latest && primary
      ? at('overTimeSummary', {
          span: at(`unit_${grouping}`, { count: series.length }),
          estimate: estimateLabel(primary),
          when: latest.description,
          value: formatStatistic(latestValue),
          items: latest.items,
        })
      : at(`none_${grouping}`);

  return (
    <figure className="chart" aria-label={at('overTimeFor', { label: question.label })}>
      <figcaption>
        <strong>{at('agreementOverTime')}</strong> <span className="muted">{summary}</span>
      </figcaption>
      {rows.length > 0 && (
        <div aria-hidden="true" style={{ width: '100%', height: 240 }}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="x" />
              <YAxis domain={[-1, 1]} />
              <Tooltip />
              <Legend />
              {names.map((name, i) => (
                <Line
                  key={name}
                  type="monotone"
                  dataKey={name}
                  name={estimateLabel(name)}
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
