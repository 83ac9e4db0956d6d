import { Link, useParams } from 'react-router';
import { MorePagesButton } from '../../components/MorePagesButton.tsx';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { useProject } from '../../features/projects/api/get-project.ts';
import { useSkippedItems, useSkips } from '../../features/skips/api/get-skips.ts';
import { SkipList } from '../../features/skips/components/SkipList.tsx';
import { SkippedItemsTable } from '../../features/skips/components/SkippedItemsTable.tsx';
import { skipsMessages } from '../../features/skips/skips.messages.ts';
import { useMessages } from '../../i18n/messages.ts';

/** Skips refresh this often while the page is open (skips are rare; no live socket needed). */
const SKIPS_POLL_MS = 15_000;

/**
 * Researchers' skip report: items annotators skipped (reasons, comments, who and when), and those short of target.
 * Both lists are keyset pages: the counts in the headings are the rows loaded, with "+" while more follow.
 */
export function SkipsRoute() {
  const { projectId = '' } = useParams();
  const t = useMessages(skipsMessages);
  const project = useProject(projectId);
  const skips = useSkips(projectId, { pollMs: SKIPS_POLL_MS });
  const skipped = useSkippedItems(projectId, { pollMs: SKIPS_POLL_MS });

  if (skips.isPending || skipped.isPending || project.isPending) return <Loading what="the skip report" />;
  if (project.isError) return <ErrorNotice error={project.error} title="Could not load the project" />;
  if (skips.isError) return <ErrorNotice error={skips.error} title="Could not load the skip report" />;
  if (skipped.isError) return <ErrorNotice error={skipped.error} title="Could not load the skip report" />;
  const p = project.data;
  const skipRows = skips.data.pages.flatMap((page) => page.skips);
  const itemRows = skipped.data.pages.flatMap((page) => page.items);

  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Projects</Link> <span aria-hidden="true">/</span> <Link to={`/projects/${p.id}`}>{p.name}</Link>{' '}
        <span aria-hidden="true">/</span> <span aria-current="page">Skips</span>
      </nav>
      <h1>Skipped items</h1>
      <section className="card stack" aria-labelledby="skips-short">
        <h2 id="skips-short">
          Short of the target ({itemRows.length}
          {skipped.hasNextPage ? '+' : ''})
        </h2>
        <SkippedItemsTable items={itemRows} overlapTarget={p.settings.overlapTarget} />
        <MorePagesButton query={skipped} label={t('moreItems')} loadingLabel={t('loadingMore')} />
      </section>
      <section className="card stack" aria-labelledby="skips-all">
        <h2 id="skips-all">
          All skips ({skipRows.length}
          {skips.hasNextPage ? '+' : ''})
        </h2>
        <SkipList skips={skipRows} />
        <MorePagesButton query={skips} label={t('moreSkips')} loadingLabel={t('loadingMore')} />
      </section>
    </div>
  );
}
