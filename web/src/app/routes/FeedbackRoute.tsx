import { Link, useParams } from 'react-router';
import { useProject } from '../../features/projects/api/get-project.ts';
import { MyFeedback } from '../../features/review/components/MyFeedback.tsx';

/** An annotator's feedback in one project: every verdict on their work, with the comment and their own answer. */
export function FeedbackRoute() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  const name = project.data?.name ?? 'Project';
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Projects</Link> <span aria-hidden="true">/</span>{' '}
        <Link to={`/projects/${projectId}/annotate`}>{name}</Link> <span aria-hidden="true">/</span>{' '}
        <span aria-current="page">Feedback</span>
      </nav>
      <h1>Feedback on your work</h1>
      <MyFeedback projectId={projectId} />
      <p>
        <Link className="button primary" to={`/projects/${projectId}/annotate`}>
          Back to annotating
        </Link>
      </p>
    </div>
  );
}
