import { useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { ChatWorkspace } from '../../features/chat/components/ChatWorkspace.tsx';
import { projectQueryOptions, useProject } from '../../features/projects/api/get-project.ts';
import { FeedbackLink } from '../../features/review/components/FeedbackLink.tsx';
import { AnnotationWorkspace } from '../../features/tasks/components/AnnotationWorkspace.tsx';
import { useMessages } from '../../i18n/messages.ts';
import { appMessages } from '../app.messages.ts';

export function AnnotateRoute() {
  const t = useMessages(appMessages);
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  const queryClient = useQueryClient();
  if (project.isPending) return <Loading what={t('theProject')} />;
  if (project.isError) return <ErrorNotice error={project.error} title={t('loadProjectFailed')} />;
  return (
    <div className="stack annotate-page">
      <Breadcrumb current={project.data.name} />
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
