import type { ImportJob } from '@feedbench/shared';
import { ImportProblemsTable } from './ImportProblemsTable.tsx';

const count = (n: number) => n.toLocaleString('en');
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Imports, newest first: live progress while a file streams in, counts when accepted, the line report when not. */
export function ImportJobsList({ jobs }: { jobs: ImportJob[] }) {
  if (jobs.length === 0) return <p className="muted">No imports yet.</p>;
  return (
    <ul className="export-list" aria-label="Imports">
      {jobs.map((job) => (
        <li key={job.id} className="stack">
          <strong>{job.fileName}</strong>
          {job.status === 'running' && <RunningImport job={job} />}
          {job.status === 'done' && (
            <span className="notice success" role="status">
              Imported {count(job.created + job.existing)} lines: {count(job.created)} created, {count(job.existing)}{' '}
              existing.
            </span>
          )}
          {job.status === 'failed' &&
            (job.problems.length > 0 ? (
              <ImportProblemsTable problems={job.problems} badLines={job.badLines} />
            ) : (
              <span className="notice error" role="alert">
                Import failed: {job.error}
              </span>
            ))}
        </li>
      ))}
    </ul>
  );
}

function RunningImport({ job }: { job: ImportJob }) {
  const total = job.bytesTotal;
  const reading = total === null || job.bytesRead < total;
  return (
    <>
      {total !== null ? (
        <progress max={Math.max(total, 1)} value={job.bytesRead} aria-label={`Progress of ${job.fileName}`} />
      ) : (
        <progress aria-label={`Progress of ${job.fileName}`} />
      )}
      <span className="hint" role="status">
        {reading
          ? `Reading: ${count(job.linesRead)} lines, ${mib(job.bytesRead)}${total !== null ? ` of ${mib(total)}` : ''}`
          : `Checking and saving ${count(job.linesRead)} lines…`}
      </span>
    </>
  );
}
