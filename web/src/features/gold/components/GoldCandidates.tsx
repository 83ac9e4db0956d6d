import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useRecentAnnotations } from '../api/get-recent-annotations.ts';
import { useMarkGoldFromAnnotation } from '../api/mark-gold.ts';
import { answersSummary } from './answers-summary.ts';

/** Recent annotations on items that are not gold yet, each usable as an item's reference answers. */
export function GoldCandidates({ projectId, goldItemIds }: { projectId: string; goldItemIds: Set<string> }) {
  const recent = useRecentAnnotations(projectId);
  const mark = useMarkGoldFromAnnotation(projectId);
  if (recent.isPending) return <Loading what="recent annotations" />;
  if (recent.isError) return <ErrorNotice error={recent.error} title="Could not load recent annotations" />;
  const candidates = recent.data.annotations.filter((a) => !goldItemIds.has(a.itemId));
  if (candidates.length === 0) return <p className="muted">No annotations on non-gold items yet.</p>;
  return (
    <div className="stack">
      <ul className="stack">
        {candidates.map((a) => (
          <li key={a.id} className="row">
            <strong>{a.itemExternalId}</strong>
            <span>{answersSummary(a.answers)}</span>
            <button
              type="button"
              onClick={() => mark.mutate(a.id)}
              disabled={mark.isPending}
              aria-label={`Use this annotation of ${a.itemExternalId} as gold`}
            >
              Use as gold
            </button>
          </li>
        ))}
      </ul>
      {mark.isError && <ErrorNotice error={mark.error} title="Not marked as gold" />}
    </div>
  );
}
