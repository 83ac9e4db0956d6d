import { Link, useParams } from 'react-router';
import { DisagreementQueue } from '../../features/adjudication/components/DisagreementQueue.tsx';
import { useProject } from '../../features/projects/api/get-project.ts';

/** Reviewers' and researchers' disagreement queue: the items to adjudicate, worst first. */
export function AdjudicationRoute() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  const name = project.data?.name ?? 'Project';
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Projects</Link> <span aria-hidden="true">/</span> <Link to={`/projects/${projectId}`}>{name}</Link>{' '}
        <span aria-hidden="true">/</span> <span aria-current="page">Adjudication</span>
      </nav>
      <h1>Disagreements</h1>
      <DisagreementQueue projectId={projectId} />
    </div>
  );
}
