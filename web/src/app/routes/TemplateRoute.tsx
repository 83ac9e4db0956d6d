import { useParams } from 'react-router';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { useProject } from '../../features/projects/api/get-project.ts';
import { TemplateBuilder } from '../../features/projects/components/TemplateBuilder.tsx';
import { TaskPreview } from '../../features/tasks/components/TaskPreview.tsx';
import { useMessages } from '../../i18n/messages.ts';
import { appMessages } from '../app.messages.ts';

/** The template builder, with the annotator view from the tasks feature as its live preview. */
export function TemplateRoute() {
  const t = useMessages(appMessages);
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  if (project.isPending) return <Loading what={t('theProject')} />;
  if (project.isError) return <ErrorNotice error={project.error} title={t('loadProjectFailed')} />;
  const p = project.data;
  if (p.myRole !== 'researcher') return <ErrorNotice error={new Error(t('onlyResearchersTemplate'))} />;
  return (
    <div className="stack">
      <Breadcrumb trail={[{ to: `/projects/${p.id}`, label: p.name }]} current={t('template')} />
      <h1>{t('templateOf', { name: p.name })}</h1>
      <TemplateBuilder
        key={p.id}
        project={p}
        renderPreview={(questions) => <TaskPreview questions={questions} kind={p.kind} guidelines={p.guidelines} />}
      />
    </div>
  );
}
