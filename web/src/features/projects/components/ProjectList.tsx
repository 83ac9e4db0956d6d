import type { Project } from '@feedbench/shared';
import { Link } from 'react-router';
import { useMessages } from '../../../i18n/messages.ts';
import { projectMessages } from '../projects.messages.ts';
import { ProgressCounters } from './ProgressCounters.tsx';

/** Every project the user belongs to; researchers open the dashboard, annotators go straight to work. */
export function ProjectList({ projects }: { projects: Project[] }) {
  const t = useMessages(projectMessages);
  if (projects.length === 0) {
    return <p className="empty">{t('noProjects')}</p>;
  }
  return (
    <ul className="project-list" aria-label={t('projects')}>
      {projects.map((project) => (
        <li key={project.id} className="card project-row" aria-label={project.name}>
          <div className="project-row-head">
            <h3>
              {project.myRole === 'researcher' ? (
                <Link to={`/projects/${project.id}`}>{project.name}</Link>
              ) : (
                project.name
              )}
            </h3>
            <span className={`badge kind-${project.kind}`}>{t(`kind_${project.kind}`)}</span>
          </div>
          <ProgressCounters progress={project.progress} compact />
          <div className="actions">
            {project.myRole === 'researcher' && (
              <Link className="button" to={`/projects/${project.id}`}>
                {t('openDashboard')}
              </Link>
            )}
            <Link
              className={project.myRole === 'annotator' ? 'button primary' : 'button'}
              to={`/projects/${project.id}/annotate`}
            >
              {project.myRole === 'annotator' ? t('startAnnotating') : t('annotate')}
            </Link>
          </div>
        </li>
      ))}
    </ul>
  );
}
