import { useState } from 'react';
import { useParams } from 'react-router';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
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
import { useFormat } from '../../i18n/format.ts';
import { useMessages } from '../../i18n/messages.ts';
import { appMessages } from '../app.messages.ts';

/** The researcher's agreement dashboard (issue 5): per-question agreement, annotators, position bias, progress. */
export function AgreementRoute() {
  const t = useMessages(appMessages);
  const format = useFormat();
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  const [grouping, setGrouping] = useState<SeriesGrouping>('day');
  const [batchSize, setBatchSize] = useState(DEFAULT_BATCH_SIZE);
  const agreement = useAgreement(projectId, batchSize);
  const live = useLiveAgreement(projectId);

  if (agreement.isPending) return <Loading what={t('theAgreementReport')} />;
  if (agreement.isError) return <ErrorNotice error={agreement.error} title={t('loadAgreementFailed')} />;
  const report = agreement.data;
  const name = project.data?.name ?? t('project');

  return (
    <div className="stack">
      <Breadcrumb trail={[{ to: `/projects/${projectId}`, label: name }]} current={t('agreement')} />
      <h1>{t('agreement')}</h1>
      <section className="card" aria-label={t('progress')}>
        <span className={live ? 'live-dot on' : 'live-dot'} title={live ? t('live') : t('notLive')}>
          {live ? t('live') : t('offline')}
        </span>
        <ProgressCounters progress={report.progress} />
        <p className="muted">
          {t('overlapTarget', { count: report.progress.overlapTarget })}{' '}
          {t('bootstrap', {
            confidence: format.percent(report.bootstrap.confidence),
            replicates: format.integer(report.bootstrap.replicates),
          })}
        </p>
      </section>
      {report.questions.length === 0 ? (
        <p className="card muted">{t('noAgreementQuestions')}</p>
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
          <h2 id="agreement-labels">{t('labelDistributions')}</h2>
          {report.labelDistributions.map((d) => (
            <LabelDistributionTable key={d.questionId} distribution={d} />
          ))}
        </section>
      )}
      <section className="card stack" aria-labelledby="agreement-annotators">
        <h2 id="agreement-annotators">{t('annotators')}</h2>
        <AnnotatorQualityTable report={report} />
      </section>
    </div>
  );
}
