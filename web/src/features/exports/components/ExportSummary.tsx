import type { DatasetStatistics } from '@feedbench/shared';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { useExportSummary } from '../api/export-summary.ts';
import type { ExportChoices } from '../api/export-url.ts';

type Excluded = NonNullable<DatasetStatistics['excluded']>;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Each reason something is left out, as the researcher would say it (only the reasons that apply are listed). */
const REASONS: { key: keyof Excluded; say: (n: number) => string }[] = [
  { key: 'goldItems', say: (n) => `${plural(n, 'gold (control) item')} (tick "Include gold items" to keep them)` },
  { key: 'rejectedAnnotations', say: (n) => `${plural(n, 'annotation')} rejected in review` },
  { key: 'unreviewedAnnotations', say: (n) => `${plural(n, 'annotation')} not reviewed yet ("Only reviewed")` },
  {
    key: 'belowGoldAccuracyAnnotations',
    say: (n) => `${plural(n, 'annotation')} by annotators below the gold accuracy`,
  },
  { key: 'unannotatedItems', say: (n) => `${plural(n, 'item')} nobody has annotated yet` },
  { key: 'filteredItems', say: (n) => `${plural(n, 'annotated item')} dropped by the filters or split` },
  { key: 'itemsWithoutLines', say: (n) => `${plural(n, 'item')} that make no line in this format (e.g. all tied)` },
  { key: 'flaggedOutputs', say: (n) => `${plural(n, 'flagged output')} never used as the chosen side` },
];

/** Before a download: how many lines the file will hold and what the options leave out, by reason. */
export function ExportSummary({ projectId, choices }: { projectId: string; choices: ExportChoices | undefined }) {
  const summary = useExportSummary(projectId, choices ?? { format: 'raw', fileFormat: 'jsonl' }, !!choices);
  if (!choices) return null;
  if (summary.isError) return <ErrorNotice error={summary.error} title="Could not count the export" />;
  const stats = summary.data;
  const reasons = stats?.excluded ? REASONS.filter((r) => (stats.excluded?.[r.key] ?? 0) > 0) : [];
  return (
    <section className="export-summary" aria-label="What the export holds" aria-busy={summary.isFetching}>
      {stats ? (
        <>
          <p>
            <strong>{plural(stats.lines, 'line')}</strong> from {plural(stats.items, 'item')} (
            {plural(stats.annotations, 'annotation')} by {plural(stats.annotators, 'annotator')}).
          </p>
          {reasons.length > 0 ? (
            <>
              <p>Left out:</p>
              <ul>
                {reasons.map((r) => (
                  <li key={r.key}>{r.say(stats.excluded?.[r.key] ?? 0)}</li>
                ))}
              </ul>
            </>
          ) : (
            <p className="muted">Nothing is left out.</p>
          )}
        </>
      ) : (
        <p className="muted">Counting what the export holds…</p>
      )}
    </section>
  );
}
