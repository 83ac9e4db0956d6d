import type { ExportJob } from '@feedbench/shared';
import { exportJobFileUrl } from '../api/export-jobs.ts';

const count = (n: number) => n.toLocaleString('en');

/** Background exports, newest first, with a live progress bar while they run and a download when done. */
export function ExportJobsList({ projectId, jobs }: { projectId: string; jobs: ExportJob[] }) {
  if (jobs.length === 0) return <p className="muted">No background exports yet.</p>;
  return (
    <ul className="export-list" aria-label="Background exports">
      {jobs.map((job) => (
        <li key={job.id}>
          <strong>{job.fileName}</strong>
          {job.status === 'running' && (
            <>
              <progress
                max={Math.max(job.itemsTotal, 1)}
                value={job.itemsDone}
                aria-label={`Progress of ${job.fileName}`}
              />
              <span className="hint" role="status">
                {count(job.itemsDone)} / {count(job.itemsTotal)} items, {count(job.rowsDone)} lines
                {job.rowsEstimate !== null && ` of about ${count(job.rowsEstimate)}`}
              </span>
            </>
          )}
          {job.status === 'done' && (
            <>
              <a className="button" href={exportJobFileUrl(projectId, job.id)} download>
                Download {job.fileName}
              </a>
              <span className="hint">
                {count(job.rowsDone)} lines, {count(job.bytes)} bytes
              </span>
            </>
          )}
          {job.status === 'failed' && (
            <span className="notice error" role="alert">
              Failed: {job.error}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
