import { useParams } from 'react-router';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { useSuggestionSettings } from '../../features/judges/api/calibration.ts';
import { useJudgeJobs } from '../../features/judges/api/judge-jobs.ts';
import { useJudgeConnections, useJudges } from '../../features/judges/api/judges.ts';
import { useJudgesLiveJobs } from '../../features/judges/api/live-jobs.ts';
import { AnchoringReportTable } from '../../features/judges/components/AnchoringReportTable.tsx';
import { CalibrationTable } from '../../features/judges/components/CalibrationTable.tsx';
import { CreateJudgeForm } from '../../features/judges/components/CreateJudgeForm.tsx';
import { JudgeJobsList } from '../../features/judges/components/JudgeJobsList.tsx';
import { JudgesList } from '../../features/judges/components/JudgesList.tsx';
import { RewardScoresPanel } from '../../features/judges/components/RewardScoresPanel.tsx';
import { RunJudgeJobForm } from '../../features/judges/components/RunJudgeJobForm.tsx';
import { SuggestionSettingsForm } from '../../features/judges/components/SuggestionSettingsForm.tsx';
import { judgesMessages } from '../../features/judges/judges.messages.ts';
import { useProject } from '../../features/projects/api/get-project.ts';
import { useMessages } from '../../i18n/messages.ts';

/** Researchers' model judges: judges, judging jobs, calibration, suggestions and the anchoring experiment. */
export function JudgesRoute() {
  const { projectId = '' } = useParams();
  const t = useMessages(judgesMessages);
  const project = useProject(projectId);
  const judges = useJudges(projectId);
  const connections = useJudgeConnections(projectId);
  const live = useJudgesLiveJobs(projectId);
  const jobs = useJudgeJobs(projectId, { live });
  const settings = useSuggestionSettings(projectId);

  if (judges.isPending || connections.isPending || jobs.isPending || settings.isPending) {
    return <Loading what={t('loadingWhat')} />;
  }
  const failed = [judges, connections, jobs, settings].find((q) => q.isError);
  if (failed?.error) return <ErrorNotice error={failed.error} title={t('loadError')} />;
  if (!judges.data || !connections.data || !jobs.data || !settings.data) return null;
  const name = project.data?.name ?? projectId;

  return (
    <div className="stack">
      <Breadcrumb trail={[{ to: `/projects/${projectId}`, label: name }]} current={t('breadcrumbJudges')} />
      <h1>{t('pageTitle')}</h1>
      <section className="card stack" aria-labelledby="judges-heading">
        <h2 id="judges-heading">{t('judgesHeading')}</h2>
        <JudgesList projectId={projectId} judges={judges.data} connections={connections.data} />
        <CreateJudgeForm projectId={projectId} connections={connections.data} />
      </section>
      {judges.data.length > 0 && (
        <section className="card stack">
          <RunJudgeJobForm key={judges.data.map((j) => j.id).join()} projectId={projectId} judges={judges.data} />
        </section>
      )}
      <section className="card stack" aria-labelledby="jobs-heading">
        <h2 id="jobs-heading">{t('jobsHeading')}</h2>
        <JudgeJobsList projectId={projectId} jobs={jobs.data} judges={judges.data} />
      </section>
      <RewardScoresPanel projectId={projectId} connections={connections.data} live={live} />
      <section className="card stack" aria-labelledby="calibration-heading">
        <h2 id="calibration-heading">{t('calibrationHeading')}</h2>
        <CalibrationTable projectId={projectId} />
      </section>
      <section className="card stack">
        <SuggestionSettingsForm
          // Remounted only when the judges change (a save updates the settings it was started from).
          key={judges.data.map((j) => j.id).join()}
          projectId={projectId}
          settings={settings.data}
          judges={judges.data}
        />
      </section>
      <AnchoringReportTable projectId={projectId} />
    </div>
  );
}
