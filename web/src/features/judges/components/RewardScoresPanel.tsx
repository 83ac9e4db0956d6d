import type { ScoreJob } from '@feedbench/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { useCancelScoreJob, useCreateScoreJob, useScoreFailures, useScoreJobs } from '../api/score-jobs.ts';
import { judgesMessages } from '../judges.messages.ts';
import { JOB_STATUS_KEYS } from './JudgeJobsList.tsx';

function ScoreFailures({ projectId, job }: { projectId: string; job: ScoreJob }) {
  const t = useMessages(judgesMessages);
  const failures = useScoreFailures(projectId, job.id, true);
  if (failures.isError) return <ErrorNotice error={failures.error} />;
  if (!failures.data) return null;
  return (
    <table className="table" aria-label={t('showFailures', { count: job.failed })}>
      <thead>
        <tr>
          <th scope="col">{t('failureItem')}</th>
          <th scope="col">{t('failureAttempts')}</th>
          <th scope="col">{t('failureReason')}</th>
        </tr>
      </thead>
      <tbody>
        {failures.data.map((f) => (
          <tr key={f.itemId}>
            <td>{f.itemExternalId}</td>
            <td>{f.attempts}</td>
            <td className="failure-reason">{f.error}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ScoreJobRow({ projectId, job }: { projectId: string; job: ScoreJob }) {
  const t = useMessages(judgesMessages);
  const format = useFormat();
  const cancel = useCancelScoreJob(projectId);
  const [showFailures, setShowFailures] = useState(false);
  const label = t('scoreProgressLabel', {
    done: format.integer(job.done),
    total: format.integer(job.total),
    failed: format.integer(job.failed),
  });
  const name = `${job.connectionName} (${job.model})`;
  // Named by its heading: the connection's name is user content, shown in its own direction.
  const nameId = useId();
  return (
    <li className="card stack" aria-labelledby={nameId}>
      <div className="row">
        <strong id={nameId} dir="auto">
          {name}
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
      {showFailures && <ScoreFailures projectId={projectId} job={job} />}
    </li>
  );
}

/**
 * Reward-model scores: a connection serving a reward model (vLLM's pooling API) scores every output; the scores feed
 * the score-margin item order and the judge-disagreement order (judges against the reward model).
 */
export function RewardScoresPanel({
  projectId,
  connections,
  live,
}: {
  projectId: string;
  connections: readonly { id: string; name: string; model: string }[];
  /** The page's live socket is open (it keeps the jobs current; else they are polled). */
  live: boolean;
}) {
  const t = useMessages(judgesMessages);
  const jobs = useScoreJobs(projectId, { live });
  const create = useCreateScoreJob(projectId);
  const [connectionId, setConnectionId] = useState(connections[0]?.id ?? '');
  const [redo, setRedo] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ connectionId, redo });
  }

  return (
    <section className="card stack" aria-labelledby="reward-heading">
      <h2 id="reward-heading">{t('rewardHeading')}</h2>
      <p className="muted">{t('rewardIntro')}</p>
      {connections.length === 0 ? (
        <p className="muted">{t('noConnections')}</p>
      ) : (
        <form className="stack" onSubmit={submit}>
          <div className="field">
            <label htmlFor="reward-connection">{t('rewardConnection')}</label>
            <select id="reward-connection" value={connectionId} onChange={(e) => setConnectionId(e.target.value)}>
              {connections.map((c) => (
                <option key={c.id} value={c.id} dir="auto">
                  {c.name} ({c.model})
                </option>
              ))}
            </select>
          </div>
          <label className="row">
            <input type="checkbox" checked={redo} onChange={(e) => setRedo(e.target.checked)} />
            {t('rewardRedo')}
          </label>
          {create.isError && <ErrorNotice error={create.error} />}
          <div className="row">
            <button type="submit" className="primary" disabled={create.isPending || connectionId === ''}>
              {create.isPending ? t('runStarting') : t('rewardStart')}
            </button>
          </div>
        </form>
      )}
      {jobs.isError && <ErrorNotice error={jobs.error} />}
      {jobs.data && jobs.data.length > 0 && (
        <ul className="stack plain-list" aria-label={t('rewardJobs')}>
          {jobs.data.map((job) => (
            <ScoreJobRow key={job.id} projectId={projectId} job={job} />
          ))}
        </ul>
      )}
    </section>
  );
}
