import { useNavigate } from 'react-router';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { useProjects } from '../../features/projects/api/get-projects.ts';
import { NewProjectForm } from '../../features/projects/components/NewProjectForm.tsx';
import { ProjectList } from '../../features/projects/components/ProjectList.tsx';
import { useCurrentUser } from '../use-current-user.ts';

export function ProjectsRoute() {
  const user = useCurrentUser();
  const projects = useProjects();
  const navigate = useNavigate();
  const canCreate = user.role === 'admin' || user.role === 'researcher';
  return (
    <div className="stack">
      <h1>{user.role === 'annotator' ? 'Your projects' : 'Projects'}</h1>
      {projects.isPending ? (
        <Loading what="projects" />
      ) : projects.isError ? (
        <ErrorNotice error={projects.error} title="Could not load projects" />
      ) : (
        <ProjectList projects={projects.data.projects} />
      )}
      {canCreate && <NewProjectForm onCreated={(id) => navigate(`/projects/${id}`)} />}
    </div>
  );
}
