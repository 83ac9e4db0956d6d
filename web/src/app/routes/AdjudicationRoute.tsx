import { useParams } from 'react-router';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { DisagreementQueue } from '../../features/adjudication/components/DisagreementQueue.tsx';
import { useProject } from '../../features/projects/api/get-project.ts';
import { useMessages } from '../../i18n/messages.ts';
import { appMessages } from '../app.messages.ts';

/** Reviewers' and researchers' disagreement queue: the items to adjudicate, worst first. */
export function AdjudicationRoute() {
  const t = useMessages(appMessages);
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  const name = project.data?.name ?? t('project');
  return (
    <div className="stack">
      <Breadcrumb trail={[{ to: `/projects/${projectId}`, label: name }]} current={t('adjudication')} />
      <h1>{t('disagreements')}</h1>
      <DisagreementQueue projectId={projectId} />
    </div>
  );
}
