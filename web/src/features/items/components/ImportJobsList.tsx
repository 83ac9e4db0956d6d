import type { ImportJob } from '@feedbench/shared';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { itemMessages } from '../items.messages.ts';
import { ImportProblemsTable } from './ImportProblemsTable.tsx';

/** Imports, newest first: live progress while a file streams in, counts when accepted, the line report when not. */
export function ImportJobsList({ jobs }: { jobs: ImportJob[] }) {
  const t = useMessages(itemMessages);
  const { integer: count } = useFormat();
  if (jobs.length === 0) return <p className="muted">{t('noImports')}</p>;
  return (
    <ul className="export-list" aria-label={t('imports')}>
      {jobs.map((job) => (
        <li key={job.id} className="stack">
          <strong dir="auto">{job.fileName}</strong>
          {job.status === 'running' && <RunningImport job={job} />}
          {job.status === 'done' && (
            <span className="notice success" role="status">
              {t('importedSummary', {
                total: count(job.created + job.existing),
                created: count(job.created),
                existing: count(job.existing),
              })}
            </span>
          )}
          {job.status === 'failed' &&
            (job.problems.length > 0 ? (
              <ImportProblemsTable problems={job.problems} badLines={job.badLines} />
            ) : (
              <span className="notice error" role="alert">
                {t('importFailed', { error: job.error })}
              </span>
            ))}
        </li>
      ))}
    </ul>
  );
}

function RunningImport({ job }: { job: ImportJob }) {
  const t = useMessages(itemMessages);
  const format = useFormat();
  const count = format.integer;
  const mib = (bytes: number) => t('megabytes', { value: format.fixed(bytes / 1024 / 1024, 1) });
  const total = job.bytesTotal;
  const reading = total === null || job.bytesRead < total;
  return (
    <>
      {total !== null ? (
        <progress max={Math.max(total, 1)} value={job.bytesRead} aria-label={t('progressOf', { file: job.fileName })} />
      ) : (
        <progress aria-label={t('progressOf', { file: job.fileName })} />
      )}
      <span className="hint" role="status">
        {reading
          ? total !== null
            ? t('readingOf', { lines: count(job.linesRead), size: mib(job.bytesRead), total: mib(total) })
            : t('reading', { lines: count(job.linesRead), size: mib(job.bytesRead) })
          : t('checkingSaving', { lines: count(job.linesRead) })}
      </span>
    </>
  );
}
