import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { DEFAULT_BATCH_SIZE, useAgreement } from '../../features/agreement/api/get-agreement.ts';
import { useLiveAgreement } from '../../features/agreement/api/live-agreement.ts';
import type { SeriesGrouping } from '../../features/agreement/components/AgreementOverTimeChart.tsx';
import { AnnotatorQualityTable } from '../../features/agreement/components/AnnotatorQualityTable.tsx';
import { LabelDistributionTable } from '../../features/agreement/components/LabelDistributionTable.tsx';
import { QuestionAgreementPanel } from '../../features/agreement/components/QuestionAgreementPanel.tsx';
import { SeriesGroupingPicker } from '../../features/agreement/components/SeriesGroupingPicker.tsx';
import { useProject } from '../../features/projects/api/get-project.ts';
import { ProgressCounters } from '../../features/projects/components/ProgressCounters.tsx';

/** The researcher's agreement dashboard (issue 5): per-question agreement, annotators, position bias, progress. */
export function AgreementRoute() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  const [grouping, setGrouping] = useState<SeriesGrouping>('day');
  const [batchSize, setBatchSize] = useState(DEFAULT_BATCH_SIZE);
  const agreement = useAgreement(projectId, batchSize);
  const live = useLiveAgreement(projectId);

  if (agreement.isPending) return <Loading what="the agreement report" />;
  if (agreement.isError) return <ErrorNotice error={agreement.error} title="Could not load the agreement report" />;
  const report = agreement.data;
  const name = project.data?.name ?? 'Project';

  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Projects</Link> <span aria-hidden="true">/</span> <Link to={`/projects/${projectId}`}>{name}</Link>{' '}
        <span aria-hidden="true">/</span> <span aria-current="page">Agreement</span>
      </nav>
      <h1>Agreement</h1>
      <section className="card" aria-label="Progress">
        <span className={live ? 'live-dot on' : 'live-dot'} title={live ? 'Live' : 'Not live: reload to refresh'}>
          {live ? 'Live' : 'Offline'}
        </span>
        <ProgressCounters progress={report.progress} />
        <p className="muted">
          Overlap target: {report.progress.overlapTarget} annotator{report.progress.overlapTarget === 1 ? '' : 's'} per
          item. Intervals: {Math.round(report.bootstrap.confidence * 100)}% percentile bootstrap over items (
          {report.bootstrap.replicates} replicates).
        </p>
      </section>
      {report.questions.length === 0 ? (
        <p className="card muted">
          This template has no ranking, pairwise or rating questions to measure agreement on.
        </p>
      ) : (
        <>
          <SeriesGroupingPicker
            grouping={grouping}
            batchSize={batchSize}
            onGrouping={setGrouping}
            onBatchSize={setBatchSize}
          />
          {report.questions.map((q) => (
            <QuestionAgreementPanel
              key={q.questionId}
              projectId={projectId}
              question={q}
              confidence={report.bootstrap.confidence}
              grouping={grouping}
            />
          ))}
        </>
      )}
      {report.labelDistributions.length > 0 && (
        <section className="card stack" aria-labelledby="agreement-labels">
          <h2 id="agreement-labels">Label distributions</h2>
          {report.labelDistributions.map((d) => (
            <LabelDistributionTable key={d.questionId} distribution={d} />
          ))}
        </section>
      )}
      <section className="card stack" aria-labelledby="agreement-annotators">
        <h2 id="agreement-annotators">Annotators</h2>
        <AnnotatorQualityTable report={report} />
      </section>
    </div>
  );
}
