import { useParams } from 'react-router';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { AdjudicationItemView } from '../../features/adjudication/components/AdjudicationItemView.tsx';
import { useProject } from '../../features/projects/api/get-project.ts';
import { useMessages } from '../../i18n/messages.ts';
import { appMessages } from '../app.messages.ts';

/** One item of the disagreement queue, adjudicated. */
export function AdjudicationItemRoute() {
  const t = useMessages(appMessages);
  const { projectId = '', itemId = '' } = useParams();
  const project = useProject(projectId);
  const name = project.data?.name ?? t('project');
  return (
    <div className="stack">
      <Breadcrumb
        trail={[
          { to: `/projects/${projectId}`, label: name },
          { to: `/projects/${projectId}/adjudication`, label: t('adjudication') },
        ]}
        current={t('item')}
      />
      <AdjudicationItemView key={itemId} projectId={projectId} itemId={itemId} />
    </div>
  );
}
