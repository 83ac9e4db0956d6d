import { useParams } from 'react-router';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { MorePagesButton } from '../../components/MorePagesButton.tsx';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { useProject } from '../../features/projects/api/get-project.ts';
import { useSkippedItems, useSkips } from '../../features/skips/api/get-skips.ts';
import { SkipList } from '../../features/skips/components/SkipList.tsx';
import { SkippedItemsTable } from '../../features/skips/components/SkippedItemsTable.tsx';
import { skipMessages } from '../../features/skips/skips.messages.ts';
import { useMessages } from '../../i18n/messages.ts';
import { appMessages } from '../app.messages.ts';

/** Skips refresh this often while the page is open (skips are rare; no live socket needed). */
const SKIPS_POLL_MS = 15_000;

/**
 * Researchers' skip report: items annotators skipped (reasons, comments, who and when), and those short of target.
 * Both lists are keyset pages: the counts in the headings are the rows loaded, with "+" while more follow.
 */
export function SkipsRoute() {
  const t = useMessages(appMessages);
  const { projectId = '' } = useParams();
  const s = useMessages(skipMessages);
  const project = useProject(projectId);
  const skips = useSkips(projectId, { pollMs: SKIPS_POLL_MS });
  const skipped = useSkippedItems(projectId, { pollMs: SKIPS_POLL_MS });

  if (skips.isPending || skipped.isPending || project.isPending) return <Loading what={t('theSkipReport')} />;
  if (project.isError) return <ErrorNotice error={project.error} title={t('loadProjectFailed')} />;
  if (skips.isError) return <ErrorNotice error={skips.error} title={t('loadSkipReportFailed')} />;
  if (skipped.isError) return <ErrorNotice error={skipped.error} title={t('loadSkipReportFailed')} />;
  const p = project.data;
  const skipRows = skips.data.pages.flatMap((page) => page.skips);
  const itemRows = skipped.data.pages.flatMap((page) => page.items);

  return (
    <div className="stack">
      <Breadcrumb trail={[{ to: `/projects/${p.id}`, label: p.name }]} current={t('skips')} />
      <h1>{t('skippedItems')}</h1>
      <section className="card stack" aria-labelledby="skips-short">
        <h2 id="skips-short">{t('shortOfTarget', { count: `${itemRows.length}${skipped.hasNextPage ? '+' : ''}` })}</h2>
        <SkippedItemsTable items={itemRows} overlapTarget={p.settings.overlapTarget} />
        <MorePagesButton query={skipped} label={s('moreItems')} loadingLabel={s('loadingMore')} />
      </section>
      <section className="card stack" aria-labelledby="skips-all">
        <h2 id="skips-all">{t('allSkips', { count: `${skipRows.length}${skips.hasNextPage ? '+' : ''}` })}</h2>
        <SkipList skips={skipRows} />
        <MorePagesButton query={skips} label={s('moreSkips')} loadingLabel={s('loadingMore')} />
      </section>
    </div>
  );
}
