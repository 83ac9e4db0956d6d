import { useParams } from 'react-router';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { MorePagesButton } from '../../components/MorePagesButton.tsx';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { useGoldAccuracy } from '../../features/gold/api/get-gold-accuracy.ts';
import { useGoldItems } from '../../features/gold/api/get-gold-items.ts';
import { useLiveGold } from '../../features/gold/api/live-gold.ts';
import { GoldAccuracyTable } from '../../features/gold/components/GoldAccuracyTable.tsx';
import { GoldCandidates } from '../../features/gold/components/GoldCandidates.tsx';
import { GoldItemsTable } from '../../features/gold/components/GoldItemsTable.tsx';
import { GoldSettingsForm } from '../../features/gold/components/GoldSettingsForm.tsx';
import { goldMessages } from '../../features/gold/gold.messages.ts';
import { useProject } from '../../features/projects/api/get-project.ts';
import { useMessages } from '../../i18n/messages.ts';
import { appMessages } from '../app.messages.ts';

/** Researchers' gold (control) items: settings, annotator accuracy with pause/resume, the gold items themselves. */
export function GoldRoute() {
  const t = useMessages(appMessages);
  const { projectId = '' } = useParams();
  const g = useMessages(goldMessages);
  const project = useProject(projectId);
  const accuracy = useGoldAccuracy(projectId);
  const items = useGoldItems(projectId);
  const live = useLiveGold(projectId);

  if (accuracy.isPending || items.isPending) return <Loading what={t('goldItemsWhat')} />;
  if (accuracy.isError) return <ErrorNotice error={accuracy.error} title={t('loadGoldAccuracyFailed')} />;
  if (items.isError) return <ErrorNotice error={items.error} title={t('loadGoldItemsFailed')} />;
  const name = project.data?.name ?? t('project');
  const paused = accuracy.data.annotators.filter((a) => a.paused);
  // Keyset pages: the gold items loaded so far (the total is the accuracy report's count).
  const goldItems = items.data.pages.flatMap((page) => page.items);

  return (
    <div className="stack">
      <Breadcrumb trail={[{ to: `/projects/${projectId}`, label: name }]} current={t('gold')} />
      <h1>{t('goldItems')}</h1>
      {paused.length > 0 && (
        <div className="notice error" role="alert">
          <strong>{t('pausedAnnotators', { count: paused.length })}</strong> {paused.map((a) => a.email).join(', ')}
        </div>
      )}
      <section className="card stack" aria-labelledby="gold-settings">
        <h2 id="gold-settings">{t('settings')}</h2>
        <GoldSettingsForm key={projectId} projectId={projectId} settings={accuracy.data.settings} />
      </section>
      <section className="card stack" aria-labelledby="gold-annotators">
        <span className={live ? 'live-dot on' : 'live-dot'} title={live ? t('live') : t('notLive')}>
          {live ? t('live') : t('offline')}
        </span>
        <h2 id="gold-annotators">{t('annotators')}</h2>
        <GoldAccuracyTable projectId={projectId} annotators={accuracy.data.annotators} />
      </section>
      <section className="card stack" aria-labelledby="gold-items">
        <h2 id="gold-items">{t('goldItemsCount', { count: accuracy.data.goldItems })}</h2>
        <GoldItemsTable projectId={projectId} items={goldItems} />
        <MorePagesButton query={items} label={g('moreGoldItems')} loadingLabel={g('loadingMore')} />
      </section>
      <section className="card stack" aria-labelledby="gold-candidates">
        <h2 id="gold-candidates">{t('useAnnotationAsGold')}</h2>
        <GoldCandidates projectId={projectId} />
      </section>
    </div>
  );
}
