import { Link, useParams } from 'react-router';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { useProject } from '../../features/projects/api/get-project.ts';
import { AnnotationWorkspace } from '../../features/tasks/components/AnnotationWorkspace.tsx';

export function AnnotateRoute() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  if (project.isPending) return <Loading what="the project" />;
  if (project.isError) return <ErrorNotice error={project.error} title="Could not load the project" />;
  return (
    <div className="stack annotate-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Projects</Link> <span aria-hidden="true">/</span>{' '}
        <span aria-current="page">{project.data.name}</span>
      </nav>
      <h1>{project.data.name}</h1>
      <AnnotationWorkspace projectId={projectId} guidelines={project.data.guidelines} />
    </div>
  );
}
