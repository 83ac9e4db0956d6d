import type { ExportJob } from '@feedbench/shared';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { exportJobFileUrl } from '../api/export-jobs.ts';
import { exportMessages } from '../exports.messages.ts';

/** Background exports, newest first, with a live progress bar while they run and a download when done. */
export function ExportJobsList({ projectId, jobs }: { projectId: string; jobs: ExportJob[] }) {
  const t = useMessages(exportMessages);
  const { integer: count } = useFormat();
  if (jobs.length === 0) return <p className="muted">{t('noBackgroundExports')}</p>;
  return (
    <ul className="export-list" aria-label={t('backgroundExports')}>
      {jobs.map((job) => (
        <li key={job.id}>
          <strong dir="auto">{job.fileName}</strong>
          {job.status === 'running' && (
            <>
              <progress
                max={Math.max(job.itemsTotal, 1)}
                value={job.itemsDone}
                aria-label={t('progressOf', { file: job.fileName })}
              />
              <span className="hint" role="status">
                {job.rowsEstimate !== null
                  ? t('jobProgressAbout', {
                      done: count(job.itemsDone),
                      total: count(job.itemsTotal),
                      lines: count(job.rowsDone),
                      estimate: count(job.rowsEstimate),
                    })
                  : t('jobProgress', {
                      done: count(job.itemsDone),
                      total: count(job.itemsTotal),
                      lines: count(job.rowsDone),
                    })}
              </span>
            </>
          )}
          {job.status === 'done' && (
            <>
              <a className="button" href={exportJobFileUrl(projectId, job.id)} download>
                {t('downloadFile', { file: job.fileName })}
              </a>
              <span className="hint">{t('linesBytes', { lines: count(job.rowsDone), bytes: count(job.bytes) })}</span>
            </>
          )}
          {job.status === 'failed' && (
            <span className="notice error" role="alert">
              {t('failed', { error: job.error })}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
