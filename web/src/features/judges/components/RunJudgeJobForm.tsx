import type { Judge } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { useCreateJudgeJob } from '../api/judge-jobs.ts';
import { judgesMessages } from '../judges.messages.ts';

/** Starts a judging job: which judges, over all items or the listed ones, how many calls at once, how many tries. */
export function RunJudgeJobForm({ projectId, judges }: { projectId: string; judges: readonly Judge[] }) {
  const t = useMessages(judgesMessages);
  const create = useCreateJudgeJob(projectId);
  const [chosen, setChosen] = useState<string[]>(judges.slice(0, 1).map((j) => j.id));
  const [itemIds, setItemIds] = useState('');
  const [concurrency, setConcurrency] = useState('4');
  const [maxAttempts, setMaxAttempts] = useState('3');
  const [redo, setRedo] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    // One id per line, as in the file (an id may hold spaces).
    const items = itemIds
      .split(/\r?\n/)
      .map((id) => id.trim())
      .filter((id) => id !== '');
    create.mutate({
      judgeIds: chosen,
      ...(items.length > 0 ? { externalIds: items } : {}),
      concurrency: Number(concurrency),
      maxAttempts: Number(maxAttempts),
      redo,
    });
  }

  return (
    <form className="stack" onSubmit={submit} aria-labelledby="run-judges">
      <h2 id="run-judges">{t('runHeading')}</h2>
      <fieldset>
        <legend>{t('runJudges')}</legend>
        {judges.map((judge) => (
          <label key={judge.id} className="row">
            <input
              type="checkbox"
              checked={chosen.includes(judge.id)}
              onChange={(e) =>
                setChosen((ids) => (e.target.checked ? [...ids, judge.id] : ids.filter((id) => id !== judge.id)))
              }
            />
            {judge.name}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="judge-items">{t('runItems')}</label>
        <textarea id="judge-items" rows={2} value={itemIds} onChange={(e) => setItemIds(e.target.value)} />
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="judge-concurrency">{t('runConcurrency')}</label>
          <input
            id="judge-concurrency"
            type="number"
            min={1}
            max={32}
            value={concurrency}
            onChange={(e) => setConcurrency(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="judge-attempts">{t('runMaxAttempts')}</label>
          <input
            id="judge-attempts"
            type="number"
            min={1}
            max={10}
            value={maxAttempts}
            onChange={(e) => setMaxAttempts(e.target.value)}
          />
        </div>
      </div>
      <label className="row">
        <input type="checkbox" checked={redo} onChange={(e) => setRedo(e.target.checked)} />
        {t('runRedo')}
      </label>
      {chosen.length === 0 && <p className="muted">{t('runPickJudge')}</p>}
      {create.isError && <ErrorNotice error={create.error} />}
      <div className="row">
        <button type="submit" className="primary" disabled={create.isPending || chosen.length === 0}>
          {create.isPending ? t('runStarting') : t('runStart')}
        </button>
      </div>
    </form>
  );
}
