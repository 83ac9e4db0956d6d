import { useParams } from 'react-router';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { useProject } from '../../features/projects/api/get-project.ts';
import { useSkipReport } from '../../features/skips/api/get-skip-report.ts';
import { SkipList } from '../../features/skips/components/SkipList.tsx';
import { SkippedItemsTable } from '../../features/skips/components/SkippedItemsTable.tsx';
import { useMessages } from '../../i18n/messages.ts';
import { appMessages } from '../app.messages.ts';

/** Skips refresh this often while the page is open (skips are rare; no live socket needed). */
const SKIPS_POLL_MS = 15_000;

/** Researchers' skip report: items annotators skipped (reasons, comments, who and when), and those short of target. */
export function SkipsRoute() {
  const t = useMessages(appMessages);
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  const report = useSkipReport(projectId, { pollMs: SKIPS_POLL_MS });

  if (report.isPending || project.isPending) return <Loading what={t('theSkipReport')} />;
  if (project.isError) return <ErrorNotice error={project.error} title={t('loadProjectFailed')} />;
  if (report.isError) return <ErrorNotice error={report.error} title={t('loadSkipReportFailed')} />;
  const p = project.data;

  return (
    <div className="stack">
      <Breadcrumb trail={[{ to: `/projects/${p.id}`, label: p.name }]} current={t('skips')} />
      <h1>{t('skippedItems')}</h1>
      <section className="card stack" aria-labelledby="skips-short">
        <h2 id="skips-short">{t('shortOfTarget', { count: report.data.itemsNeedingAttention.length })}</h2>
        <SkippedItemsTable items={report.data.itemsNeedingAttention} overlapTarget={p.settings.overlapTarget} />
      </section>
      <section className="card stack" aria-labelledby="skips-all">
        <h2 id="skips-all">{t('allSkips', { count: report.data.skips.length })}</h2>
        <SkipList skips={report.data.skips} />
      </section>
    </div>
  );
}
