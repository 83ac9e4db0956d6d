import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { useProjects } from '../../features/projects/api/get-projects.ts';
import { MyFeedback } from '../../features/review/components/MyFeedback.tsx';
import { ReviewQueue } from '../../features/review/components/ReviewQueue.tsx';

/** Reviewers and researchers judge annotations; everyone reads the verdicts on their own work. */
export function ReviewRoute() {
  const projects = useProjects();
  const [chosen, setChosen] = useState('');
  if (projects.isPending) return <Loading what="projects" />;
  if (projects.isError) return <ErrorNotice error={projects.error} title="Could not load projects" />;
  const list = projects.data.projects;
  const project = list.find((p) => p.id === chosen) ?? list[0];
  return (
    <div className="stack">
      <h1>Review</h1>
      {!project ? (
        <p className="muted">You are not in any project yet.</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor="review-project">Project</label>
            <select id="review-project" value={project.id} onChange={(e) => setChosen(e.target.value)}>
              {list.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.myRole})
                </option>
              ))}
            </select>
          </div>
          {(project.myRole === 'reviewer' || project.myRole === 'researcher') && (
            <section aria-labelledby="queue-title" className="stack">
              <div className="section-head">
                <h2 id="queue-title">Waiting for a verdict</h2>
                <Link className="button" to={`/projects/${project.id}/adjudication`}>
                  Disagreements
                </Link>
              </div>
              <ReviewQueue projectId={project.id} questions={project.settings.questions} />
            </section>
          )}
          <section aria-labelledby="feedback-title" className="stack">
            <h2 id="feedback-title">Feedback on your work</h2>
            <MyFeedback projectId={project.id} />
          </section>
        </>
      )}
    </div>
  );
}
