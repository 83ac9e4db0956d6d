import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { useRecentAnnotations } from '../api/get-recent-annotations.ts';
import { useMarkGoldFromAnnotation } from '../api/mark-gold.ts';
import { goldMessages } from '../gold.messages.ts';
import { answersSummary } from './answers-summary.ts';

/** Recent annotations on items that are not gold yet, each usable as an item's reference answers. */
export function GoldCandidates({ projectId, goldItemIds }: { projectId: string; goldItemIds: Set<string> }) {
  const t = useMessages(goldMessages);
  const recent = useRecentAnnotations(projectId);
  const mark = useMarkGoldFromAnnotation(projectId);
  if (recent.isPending) return <Loading what={t('recentAnnotations')} />;
  if (recent.isError) return <ErrorNotice error={recent.error} title={t('loadRecentFailed')} />;
  const candidates = recent.data.annotations.filter((a) => !goldItemIds.has(a.itemId));
  if (candidates.length === 0) return <p className="muted">{t('noCandidates')}</p>;
  return (
    <div className="stack">
      <ul className="stack">
        {candidates.map((a) => (
          <li key={a.id} className="row">
            <strong>{a.itemExternalId}</strong>
            <span dir="auto">{answersSummary(a.answers)}</span>
            <button
              type="button"
              onClick={() => mark.mutate(a.id)}
              disabled={mark.isPending}
              aria-label={t('useAsGoldLabel', { item: a.itemExternalId })}
            >
              {t('useAsGold')}
            </button>
          </li>
        ))}
      </ul>
      {mark.isError && <ErrorNotice error={mark.error} title={t('notMarked')} />}
    </div>
  );
}
