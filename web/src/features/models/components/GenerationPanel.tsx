import type { GenerationJob } from '@feedbench/shared';
import { type FormEvent, useId, useState } from 'react';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import {
  useCancelGenerationJob,
  useGenerationJobDetail,
  useGenerationJobs,
  useSetOutputsFromModels,
  useStartGenerationJob,
  useUsableConnections,
} from '../api/generation-jobs.ts';
import { modelsMessages } from '../models.messages.ts';
import { SamplingFields, type SamplingText, samplingFromText, samplingToText } from './SamplingFields.tsx';

/**
 * A project's generation: whether prompts may come without outputs, a form to sample N outputs per item from chosen
 * connections, and the jobs with live progress, cancel and their failure reports. `onChanged` refreshes what the page
 * shows of the project (its settings and item counts).
 */
export function GenerationPanel({
  projectId,
  outputsFromModels,
  onChanged,
}: {
  projectId: string;
  outputsFromModels: boolean;
  onChanged: () => void;
}) {
  const t = useMessages(modelsMessages);
  const id = useId();
  const connections = useUsableConnections(projectId);
  const jobs = useGenerationJobs(projectId, { onFinished: onChanged });
  const start = useStartGenerationJob(projectId);
  const setOutputs = useSetOutputsFromModels(projectId, onChanged);
  const [chosen, setChosen] = useState<string[]>([]);
  const [samples, setSamples] = useState('4');
  const [n, setN] = useState('1');
  const [concurrency, setConcurrency] = useState('4');
  const [maxAttempts, setMaxAttempts] = useState('5');
  const [params, setParams] = useState<SamplingText>(samplingToText({}));
  const [missingChoice, setMissingChoice] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen.length === 0) {
      setMissingChoice(true);
      return;
    }
    setMissingChoice(false);
    start.mutate({
      connectionIds: chosen,
      samplesPerItem: Number(samples),
      n: Number(n),
      concurrency: Number(concurrency),
      maxAttempts: Number(maxAttempts),
      params: samplingFromText(params),
    });
  }

  const number = (key: string, label: string, value: string, set: (v: string) => void, max: number) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="number"
        min={1}
        max={max}
        step={1}
        required
        value={value}
        onChange={(e) => set(e.target.value)}
      />
    </div>
  );

  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('generationTitle')}</h2>
      <p className="hint">{t('generationIntro')}</p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={outputsFromModels}
          disabled={setOutputs.isPending}
          onChange={(e) => setOutputs.mutate(e.target.checked)}
          aria-describedby={`${id}-outputs-hint`}
        />{' '}
        {t('outputsFromModels')}
      </label>
      <p id={`${id}-outputs-hint`} className="hint">
        {t('outputsFromModelsHint')}
      </p>
      {connections.isSuccess && connections.data.length === 0 ? (
        <p className="muted">{t('noUsableConnections')}</p>
      ) : (
        <form className="stack" onSubmit={submit} aria-label={t('generationTitle')}>
          <fieldset>
            <legend>{t('connectionsLegend')}</legend>
            {(connections.data ?? []).map((c) => (
              <label key={c.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={chosen.includes(c.id)}
                  onChange={(e) =>
                    setChosen((now) => (e.target.checked ? [...now, c.id] : now.filter((x) => x !== c.id)))
                  }
                />{' '}
                <span dir="auto">{c.name}</span>{' '}
                <span className="muted" dir="auto">
                  ({c.model})
                </span>
              </label>
            ))}
          </fieldset>
          <div className="row">
            {number('samples', t('samplesLabel'), samples, setSamples, 32)}
            {number('n', t('nLabel'), n, setN, 16)}
            {number('concurrency', t('concurrencyLabel'), concurrency, setConcurrency, 64)}
            {number('attempts', t('maxAttemptsLabel'), maxAttempts, setMaxAttempts, 20)}
          </div>
          <fieldset className="stack">
            <legend>{t('paramsLegend')}</legend>
            <SamplingFields value={params} onChange={setParams} />
          </fieldset>
          <div className="row">
            <button type="submit" className="primary" disabled={start.isPending}>
              {start.isPending ? t('starting') : t('start')}
            </button>
          </div>
          {missingChoice && (
            <p className="notice error" role="alert">
              {t('chooseConnection')}
            </p>
          )}
          {(start.isError || setOutputs.isError) && (
            <p className="notice error" role="alert">
              {errorMessage(start.error ?? setOutputs.error)}
            </p>
          )}
          {start.data?.status === 'done' && start.data.samplesTotal === 0 && (
            <p className="notice" role="status">
              {t('nothingToDo')}
            </p>
          )}
        </form>
      )}
      <h3>{t('jobsTitle')}</h3>
      {jobs.data && jobs.data.length > 0 ? (
        <ul className="export-list" aria-label={t('jobsTitle')}>
          {jobs.data.map((job) => (
            <GenerationJobRow key={job.id} projectId={projectId} job={job} />
          ))}
        </ul>
      ) : (
        <p className="muted">{t('noJobs')}</p>
      )}
    </section>
  );
}

function GenerationJobRow({ projectId, job }: { projectId: string; job: GenerationJob }) {
  const t = useMessages(modelsMessages);
  const format = useFormat();
  const cancel = useCancelGenerationJob(projectId);
  const [showFailures, setShowFailures] = useState(false);
  const finished = job.samplesDone + job.samplesFailed + job.samplesSkipped;
  const status = {
    running: t('statusRunning'),
    done: t('statusDone'),
    cancelled: t('statusCancelled'),
    failed: t('statusFailed'),
  }[job.status];
  return (
    <li aria-label={`${t('jobsTitle')} ${format.dateTime(job.createdAt)}`}>
      <strong>{status}</strong>{' '}
      <span className="hint">{t('jobStarted', { when: format.dateTime(job.createdAt) })}</span>
      <progress
        max={Math.max(job.samplesTotal, 1)}
        value={finished}
        aria-label={t('jobProgress', {
          done: format.integer(job.samplesDone),
          total: format.integer(job.samplesTotal),
        })}
      />
      <span className="hint" role="status">
        {t('jobProgress', { done: format.integer(job.samplesDone), total: format.integer(job.samplesTotal) })}
        {job.samplesFailed > 0 && ` · ${t('jobFailed', { count: job.samplesFailed })}`}
        {job.samplesSkipped > 0 && ` · ${t('jobSkipped', { count: job.samplesSkipped })}`}
      </span>
      {job.error && (
        <span className="notice error" role="alert">
          {job.error}
        </span>
      )}
      <div className="row">
        {job.status === 'running' && (
          <button type="button" className="danger" disabled={cancel.isPending} onClick={() => cancel.mutate(job.id)}>
            {t('cancelJob')}
          </button>
        )}
        {job.samplesFailed + job.samplesSkipped > 0 && (
          <button type="button" aria-expanded={showFailures} onClick={() => setShowFailures((v) => !v)}>
            {showFailures ? t('hideFailures') : t('showFailures')}
          </button>
        )}
      </div>
      {showFailures && <FailureReport projectId={projectId} jobId={job.id} />}
    </li>
  );
}

function FailureReport({ projectId, jobId }: { projectId: string; jobId: string }) {
  const t = useMessages(modelsMessages);
  const detail = useGenerationJobDetail(projectId, jobId);
  if (detail.isError) return <p className="notice error">{errorMessage(detail.error)}</p>;
  if (!detail.data) return null;
  return (
    <table className="table">
      <caption>{t('failuresCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('columnItem')}</th>
          <th scope="col">{t('columnConnection')}</th>
          <th scope="col">{t('columnSample')}</th>
          <th scope="col">{t('columnAttempts')}</th>
          <th scope="col">{t('columnError')}</th>
        </tr>
      </thead>
      <tbody>
        {detail.data.failures.map((f) => (
          <tr key={`${f.itemId}-${f.connectionId}-${f.sampleIndex}`}>
            <th scope="row">{f.externalId}</th>
            <td>
              <code>{f.connectionId.slice(0, 8)}</code>
            </td>
            <td>{f.sampleIndex + 1}</td>
            <td>{f.attempts}</td>
            <td dir="auto">{f.error}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
