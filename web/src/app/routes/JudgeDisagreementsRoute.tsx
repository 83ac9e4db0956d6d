import { useParams } from 'react-router';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { AnswerByOutputId } from '../../features/adjudication/components/AnswerByOutputId.tsx';
import { useJudgeDisagreements } from '../../features/judges/api/disagreements.ts';
import { JudgeDisagreementsTable } from '../../features/judges/components/JudgeDisagreementsTable.tsx';
import { judgesMessages } from '../../features/judges/judges.messages.ts';
import { useProject } from '../../features/projects/api/get-project.ts';
import { useMessages } from '../../i18n/messages.ts';

/** One judge's drill-down: the items where it disagrees with the human annotators, with every answer. */
export function JudgeDisagreementsRoute() {
  const t = useMessages(judgesMessages);
  const { projectId = '', judgeId = '' } = useParams();
  const project = useProject(projectId);
  const disagreements = useJudgeDisagreements(projectId, judgeId);
  const judgeName = disagreements.data?.judge.name ?? '';
  const title = t('disagreementsTitle', { name: judgeName });

  return (
    <div className="stack">
      <Breadcrumb
        trail={[
          { to: `/projects/${projectId}`, label: project.data?.name ?? projectId },
          { to: `/projects/${projectId}/judges`, label: t('breadcrumbJudges') },
        ]}
        current={judgeName}
      />
      <h1>{title}</h1>
      {disagreements.isPending || project.isPending ? (
        <Loading what={t('loadingWhat')} />
      ) : disagreements.isError ? (
        <ErrorNotice error={disagreements.error} title={t('loadError')} />
      ) : (
        <section className="card stack" aria-label={title}>
          <p className="muted">{t('disagreementsIntro')}</p>
          <JudgeDisagreementsTable
            items={disagreements.data.items}
            questions={project.data?.settings.questions ?? []}
            judgeName={judgeName}
            truncated={disagreements.data.truncated}
            renderAnswer={(question, answer) => <AnswerByOutputId question={question} answer={answer} />}
          />
        </section>
      )}
    </div>
  );
}
