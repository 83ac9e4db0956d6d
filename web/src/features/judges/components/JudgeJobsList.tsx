import type { Judge, JudgeJob, JudgeJobStatus } from '@feedbench/shared';
import { useId, useState } from 'react';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { useCancelJudgeJob, useJudgeFailures } from '../api/judge-jobs.ts';
import { judgesMessages } from '../judges.messages.ts';

/** A job's status as shown (judging and scoring jobs share the four statuses). */
export const JOB_STATUS_KEYS = {
  running: 'statusRunning',
  done: 'statusDone',
  cancelled: 'statusCancelled',
  failed: 'statusFailed',
} as const satisfies Record<JudgeJobStatus, string>;

/** The items a job gave up on, each with its judge, attempts and the last reason (a failed call or bad answer). */
function JobFailures({ projectId, job, judges }: { projectId: string; job: JudgeJob; judges: readonly Judge[] }) {
  const t = useMessages(judgesMessages);
  const failures = useJudgeFailures(projectId, job.id, true);
  if (failures.isError) return <ErrorNotice error={failures.error} />;
  if (!failures.data) return null;
  return (
    <table className="table" aria-label={t('showFailures', { count: job.failed })}>
      <thead>
        <tr>
          <th scope="col">{t('failureItem')}</th>
          <th scope="col">{t('failureJudge')}</th>
          <th scope="col">{t('failureAttempts')}</th>
          <th scope="col">{t('failureReason')}</th>
        </tr>
      </thead>
      <tbody>
        {failures.data.map((f) => (
          <tr key={`${f.itemId}/${f.judgeId}`}>
            <td>{f.itemExternalId}</td>
            <td>{judges.find((j) => j.id === f.judgeId)?.name ?? f.judgeId}</td>
            <td>{f.attempts}</td>
            <td className="failure-reason">{f.error}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function JobRow({ projectId, job, judges }: { projectId: string; job: JudgeJob; judges: readonly Judge[] }) {
  const t = useMessages(judgesMessages);
  const format = useFormat();
  const cancel = useCancelJudgeJob(projectId);
  const [showFailures, setShowFailures] = useState(false);
  const names = job.judgeIds.map((id) => judges.find((j) => j.id === id)?.name ?? id).join(', ');
  const label = t('jobProgressLabel', {
    done: format.integer(job.done),
    total: format.integer(job.total),
    failed: format.integer(job.failed),
  });
  // Named by its heading: judges' names are user content, shown in their own direction.
  const namesId = useId();
  return (
    <li className="card stack" aria-labelledby={namesId}>
      <div className="row">
        <strong id={namesId} dir="auto">
          {names}
        </strong>
        <span className={`badge job-${job.status}`}>{t(JOB_STATUS_KEYS[job.status])}</span>
        <span className="muted">
          {t('jobStarted')}: {format.dateTime(job.createdAt)}
        </span>
      </div>
      <progress max={job.total} value={job.done + job.failed} aria-label={t('jobProgress')} aria-valuetext={label} />
      <p role="status" aria-live="polite">
        {label}
      </p>
      {job.error && <p className="notice error">{job.error}</p>}
      <div className="row">
        {job.status === 'running' && (
          <button type="button" onClick={() => cancel.mutate(job.id)} disabled={cancel.isPending}>
            {t('cancelJob')}
          </button>
        )}
        {job.failed > 0 && (
          <button type="button" aria-expanded={showFailures} onClick={() => setShowFailures((s) => !s)}>
            {showFailures ? t('hideFailures') : t('showFailures', { count: job.failed })}
          </button>
        )}
      </div>
      {cancel.isError && <ErrorNotice error={cancel.error} />}
      {showFailures && <JobFailures projectId={projectId} job={job} judges={judges} />}
    </li>
  );
}

/** Judging jobs, newest first, with live progress (the project's websocket), cancel and each job's failures. */
export function JudgeJobsList({
  projectId,
  jobs,
  judges,
}: {
  projectId: string;
  jobs: readonly JudgeJob[];
  judges: readonly Judge[];
}) {
  const t = useMessages(judgesMessages);
  if (jobs.length === 0) return <p className="muted">{t('noJobs')}</p>;
  return (
    <ul className="stack plain-list" aria-label={t('jobsHeading')}>
      {jobs.map((job) => (
        <JobRow key={job.id} projectId={projectId} job={job} judges={judges} />
      ))}
    </ul>
  );
}
