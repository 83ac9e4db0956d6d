import { Link, useParams } from 'react-router';
import { AdjudicationItemView } from '../../features/adjudication/components/AdjudicationItemView.tsx';
import { useProject } from '../../features/projects/api/get-project.ts';

/** One item of the disagreement queue, adjudicated. */
export function AdjudicationItemRoute() {
  const { projectId = '', itemId = '' } = useParams();
  const project = useProject(projectId);
  const name = project.data?.name ?? 'Project';
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Projects</Link> <span aria-hidden="true">/</span> <Link to={`/projects/${projectId}`}>{name}</Link>{' '}
        <span aria-hidden="true">/</span> <Link to={`/projects/${projectId}/adjudication`}>Adjudication</Link>{' '}
        <span aria-hidden="true">/</span> <span aria-current="page">Item</span>
      </nav>
      <AdjudicationItemView key={itemId} projectId={projectId} itemId={itemId} />
    </div>
  );
}
