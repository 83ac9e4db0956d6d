import type { QuestionAgreement } from '@feedbench/shared';
import { at } from '../agreement.messages.ts';
import { AgreementEstimatesTable } from './AgreementEstimatesTable.tsx';
import { AgreementOverTimeChart, type SeriesGrouping } from './AgreementOverTimeChart.tsx';
import { LowAgreementItems } from './LowAgreementItems.tsx';
import { PositionBiasFigure } from './PositionBiasFigure.tsx';
import { RatingDistributionChart } from './RatingDistributionChart.tsx';

/** Everything the report says about one ranking or rating question. */
export function QuestionAgreementPanel({
  projectId,
  question,
  confidence,
  grouping,
}: {
  projectId: string;
  question: QuestionAgreement;
  confidence: number;
  grouping: SeriesGrouping;
}) {
  const headingId = `agreement-question-${question.questionId}`;
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {question.label} <span className="badge">{at(`type_${question.type}`)}</span>
      </h2>
      <p className="muted">
        {at('questionSummary', { count: question.annotators, answers: question.annotations, items: question.items })}
      </p>
      <AgreementEstimatesTable question={question} confidence={confidence} />
      <AgreementOverTimeChart question={question} grouping={grouping} />
      {question.type === 'rating' ? (
        <RatingDistributionChart question={question} />
      ) : (
        <PositionBiasFigure question={question} />
      )}
      {question.type === 'best-of-k' && <p className="muted">{at('noneChosen', { count: question.noneChosen })}</p>}
      <LowAgreementItems projectId={projectId} question={question} />
    </section>
  );
}
