import type { QuestionAgreement } from '@feedbench/shared';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { at } from '../agreement.messages.ts';
import { formatStatistic } from './format.ts';

type RatingQuestion = Extract<QuestionAgreement, { type: 'rating' }>;

/** How often each scale point was given; the bars are summarized in text for screen readers. */
export function RatingDistributionChart({ question }: { question: RatingQuestion }) {
  const total = question.distribution.reduce((sum, d) => sum + d.count, 0);
  const summary = at('ratingSummary', {
    total,
    min: question.min,
    max: question.max,
    mean: formatStatistic(question.mean),
    counts: question.distribution.map((d) => `${d.value}: ${d.count}`).join(', '),
  });
  return (
    <figure className="chart" aria-label={at('ratingDistributionFor', { label: question.label })}>
      <figcaption>
        <strong>{at('ratingDistribution')}</strong> <span className="muted">{summary}</span>
      </figcaption>
      <div aria-hidden="true" style={{ width: '100%', height: 200 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            accessibilityLayer={false}
            data={question.distribution}
            margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="value" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="count" name={at('ratings')} fill="#2563eb" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
