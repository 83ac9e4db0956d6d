import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { ChatWorkspace } from '../../features/chat/components/ChatWorkspace.tsx';
import { projectQueryOptions, useProject } from '../../features/projects/api/get-project.ts';
import { FeedbackLink } from '../../features/review/components/FeedbackLink.tsx';
import { AnnotationWorkspace } from '../../features/tasks/components/AnnotationWorkspace.tsx';

export function AnnotateRoute() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  const queryClient = useQueryClient();
  if (project.isPending) return <Loading what="the project" />;
  if (project.isError) return <ErrorNotice error={project.error} title="Could not load the project" />;
  return (
    <div className="stack annotate-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Projects</Link> <span aria-hidden="true">/</span>{' '}
        <span aria-current="page">{project.data.name}</span>
      </nav>
      <div className="section-head">
        <h1>{project.data.name}</h1>
        <FeedbackLink projectId={projectId} />
      </div>
      {project.data.kind === 'chat' ? (
        <ChatWorkspace projectId={projectId} questions={project.data.settings.questions} />
      ) : (
        <AnnotationWorkspace
          projectId={projectId}
          guidelines={project.data.guidelines}
          progress={project.data.progress}
          onProgress={() => queryClient.invalidateQueries({ queryKey: projectQueryOptions(projectId).queryKey })}
        />
      )}
    </div>
  );
}
