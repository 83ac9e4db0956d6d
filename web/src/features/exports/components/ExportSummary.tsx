import type { DatasetStatistics } from '@feedbench/shared';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { useExportSummary } from '../api/export-summary.ts';
import type { ExportChoices } from '../api/export-url.ts';
import { exportMessages } from '../exports.messages.ts';

type Excluded = NonNullable<DatasetStatistics['excluded']>;

/** Each reason something is left out, as the researcher would say it (only the reasons that apply are listed). */
const REASONS = [
  'goldItems',
  'rejectedAnnotations',
  'unreviewedAnnotations',
  'belowGoldAccuracyAnnotations',
  'unannotatedItems',
  'filteredItems',
  'itemsWithoutLines',
  'flaggedOutputs',
] as const satisfies readonly (keyof Excluded)[];

/** Before a download: how many lines the file will hold and what the options leave out, by reason. */
export function ExportSummary({ projectId, choices }: { projectId: string; choices: ExportChoices | undefined }) {
  const t = useMessages(exportMessages);
  const summary = useExportSummary(projectId, choices ?? { format: 'raw', fileFormat: 'jsonl' }, !!choices);
  if (!choices) return null;
  if (summary.isError) return <ErrorNotice error={summary.error} title={t('couldNotCount')} />;
  const stats = summary.data;
  const reasons = stats?.excluded ? REASONS.filter((r) => (stats.excluded?.[r] ?? 0) > 0) : [];
  return (
    <section className="export-summary" aria-label={t('whatExportHolds')} aria-busy={summary.isFetching}>
      {stats ? (
        <>
          <p>
            <strong>{t('lines', { count: stats.lines })}</strong>{' '}
            {t('holds', {
              items: t('fromItems', { count: stats.items }),
              annotations: t('annotations', { count: stats.annotations }),
              annotators: t('annotators', { count: stats.annotators }),
            })}
          </p>
          {reasons.length > 0 ? (
            <>
              <p>{t('leftOut')}</p>
              <ul>
                {reasons.map((r) => (
                  <li key={r}>{t(`reason_${r}`, { count: stats.excluded?.[r] ?? 0 })}</li>
                ))}
              </ul>
            </>
          ) : (
            <p className="muted">{t('nothingLeftOut')}</p>
          )}
        </>
      ) : (
        <p className="muted">{t('counting')}</p>
      )}
    </section>
  );
}
