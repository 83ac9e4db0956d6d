import { Link, useParams } from 'react-router';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { useProject } from '../../features/projects/api/get-project.ts';
import { useSkipReport } from '../../features/skips/api/get-skip-report.ts';
import { SkipList } from '../../features/skips/components/SkipList.tsx';
import { SkippedItemsTable } from '../../features/skips/components/SkippedItemsTable.tsx';

/** Skips refresh this often while the page is open (skips are rare; no live socket needed). */
const SKIPS_POLL_MS = 15_000;

/** Researchers' skip report: items annotators skipped (reasons, comments, who and when), and those short of target. */
export function SkipsRoute() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  const report = useSkipReport(projectId, { pollMs: SKIPS_POLL_MS });

  if (report.isPending || project.isPending) return <Loading what="the skip report" />;
  if (project.isError) return <ErrorNotice error={project.error} title="Could not load the project" />;
  if (report.isError) return <ErrorNotice error={report.error} title="Could not load the skip report" />;
  const p = project.data;

  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Projects</Link> <span aria-hidden="true">/</span> <Link to={`/projects/${p.id}`}>{p.name}</Link>{' '}
        <span aria-hidden="true">/</span> <span aria-current="page">Skips</span>
      </nav>
      <h1>Skipped items</h1>
      <section className="card stack" aria-labelledby="skips-short">
        <h2 id="skips-short">Short of the target ({report.data.itemsNeedingAttention.length})</h2>
        <SkippedItemsTable items={report.data.itemsNeedingAttention} overlapTarget={p.settings.overlapTarget} />
      </section>
      <section className="card stack" aria-labelledby="skips-all">
        <h2 id="skips-all">All skips ({report.data.skips.length})</h2>
        <SkipList skips={report.data.skips} />
      </section>
    </div>
  );
}
