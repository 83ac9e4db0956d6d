import { Link, useParams } from 'react-router';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { useProject } from '../../features/projects/api/get-project.ts';
import { TemplateBuilder } from '../../features/projects/components/TemplateBuilder.tsx';
import { TaskPreview } from '../../features/tasks/components/TaskPreview.tsx';

/** The template builder, with the annotator view from the tasks feature as its live preview. */
export function TemplateRoute() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  if (project.isPending) return <Loading what="the project" />;
  if (project.isError) return <ErrorNotice error={project.error} title="Could not load the project" />;
  const p = project.data;
  if (p.myRole !== 'researcher') return <ErrorNotice error={new Error('Only researchers edit the template.')} />;
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Projects</Link> <span aria-hidden="true">/</span> <Link to={`/projects/${p.id}`}>{p.name}</Link>{' '}
        <span aria-hidden="true">/</span> <span aria-current="page">Template</span>
      </nav>
      <h1>Template of {p.name}</h1>
      <TemplateBuilder
        key={p.id}
        project={p}
        renderPreview={(questions) => <TaskPreview questions={questions} kind={p.kind} guidelines={p.guidelines} />}
      />
    </div>
  );
}
