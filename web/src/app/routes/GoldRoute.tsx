import { Link, useParams } from 'react-router';
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

/** Researchers' gold (control) items: settings, annotator accuracy with pause/resume, the gold items themselves. */
export function GoldRoute() {
  const { projectId = '' } = useParams();
  const t = useMessages(goldMessages);
  const project = useProject(projectId);
  const accuracy = useGoldAccuracy(projectId);
  const items = useGoldItems(projectId);
  const live = useLiveGold(projectId);

  if (accuracy.isPending || items.isPending) return <Loading what="gold items" />;
  if (accuracy.isError) return <ErrorNotice error={accuracy.error} title="Could not load gold accuracy" />;
  if (items.isError) return <ErrorNotice error={items.error} title="Could not load gold items" />;
  const name = project.data?.name ?? 'Project';
  const paused = accuracy.data.annotators.filter((a) => a.paused);
  // Keyset pages: the gold items loaded so far (the total is the accuracy report's count).
  const goldItems = items.data.pages.flatMap((page) => page.items);

  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Projects</Link> <span aria-hidden="true">/</span> <Link to={`/projects/${projectId}`}>{name}</Link>{' '}
        <span aria-hidden="true">/</span> <span aria-current="page">Gold</span>
      </nav>
      <h1>Gold items</h1>
      {paused.length > 0 && (
        <div className="notice error" role="alert">
          <strong>
            {paused.length} annotator{paused.length === 1 ? ' is' : 's are'} paused:
          </strong>{' '}
          {paused.map((a) => a.email).join(', ')}
        </div>
      )}
      <section className="card stack" aria-labelledby="gold-settings">
        <h2 id="gold-settings">Settings</h2>
        <GoldSettingsForm key={projectId} projectId={projectId} settings={accuracy.data.settings} />
      </section>
      <section className="card stack" aria-labelledby="gold-annotators">
        <span className={live ? 'live-dot on' : 'live-dot'} title={live ? 'Live' : 'Not live: reload to refresh'}>
          {live ? 'Live' : 'Offline'}
        </span>
        <h2 id="gold-annotators">Annotators</h2>
        <GoldAccuracyTable projectId={projectId} annotators={accuracy.data.annotators} />
      </section>
      <section className="card stack" aria-labelledby="gold-items">
        <h2 id="gold-items">Gold items ({accuracy.data.goldItems})</h2>
        <GoldItemsTable projectId={projectId} items={goldItems} />
        <MorePagesButton query={items} label={t('moreGoldItems')} loadingLabel={t('loadingMore')} />
      </section>
      <section className="card stack" aria-labelledby="gold-candidates">
        <h2 id="gold-candidates">Use an annotation as gold</h2>
        <GoldCandidates projectId={projectId} goldItemIds={new Set(goldItems.map((i) => i.itemId))} />
      </section>
    </div>
  );
}
