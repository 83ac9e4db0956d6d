import { Link, useParams } from 'react-router';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { useProject } from '../../features/projects/api/get-project.ts';
import { MyFeedback } from '../../features/review/components/MyFeedback.tsx';
import { useMessages } from '../../i18n/messages.ts';
import { appMessages } from '../app.messages.ts';

/** An annotator's feedback in one project: every verdict on their work, with the comment and their own answer. */
export function FeedbackRoute() {
  const t = useMessages(appMessages);
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  const name = project.data?.name ?? t('project');
  return (
    <div className="stack">
      <Breadcrumb trail={[{ to: `/projects/${projectId}/annotate`, label: name }]} current={t('feedback')} />
      <h1>{t('feedbackOnYourWork')}</h1>
      <MyFeedback projectId={projectId} />
      <p>
        <Link className="button primary" to={`/projects/${projectId}/annotate`}>
          {t('backToAnnotating')}
        </Link>
      </p>
    </div>
  );
}
