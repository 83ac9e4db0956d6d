import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { useProjects } from '../../features/projects/api/get-projects.ts';
import { MyFeedback } from '../../features/review/components/MyFeedback.tsx';
import { ReviewQueue } from '../../features/review/components/ReviewQueue.tsx';
import { useMessages } from '../../i18n/messages.ts';
import { appMessages } from '../app.messages.ts';

/** Reviewers and researchers judge annotations; everyone reads the verdicts on their own work. */
export function ReviewRoute() {
  const t = useMessages(appMessages);
  const projects = useProjects();
  const [chosen, setChosen] = useState('');
  if (projects.isPending) return <Loading what={t('projectsWhat')} />;
  if (projects.isError) return <ErrorNotice error={projects.error} title={t('loadProjectsFailed')} />;
  const list = projects.data.projects;
  const project = list.find((p) => p.id === chosen) ?? list[0];
  return (
    <div className="stack">
      <h1>{t('review')}</h1>
      {!project ? (
        <p className="muted">{t('notInAnyProject')}</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor="review-project">{t('project')}</label>
            <select id="review-project" value={project.id} onChange={(e) => setChosen(e.target.value)}>
              {list.map((p) => (
                <option key={p.id} value={p.id}>
                  {t('projectRole', { name: p.name, role: t(`role_${p.myRole}`) })}
                </option>
              ))}
            </select>
          </div>
          {(project.myRole === 'reviewer' || project.myRole === 'researcher') && (
            <section aria-labelledby="queue-title" className="stack">
              <div className="section-head">
                <h2 id="queue-title">{t('waitingForVerdict')}</h2>
                <Link className="button" to={`/projects/${project.id}/adjudication`}>
                  {t('disagreements')}
                </Link>
              </div>
              <ReviewQueue projectId={project.id} questions={project.settings.questions} />
            </section>
          )}
          <section aria-labelledby="feedback-title" className="stack">
            <h2 id="feedback-title">{t('feedbackOnYourWork')}</h2>
            <MyFeedback projectId={project.id} />
          </section>
        </>
      )}
    </div>
  );
}
