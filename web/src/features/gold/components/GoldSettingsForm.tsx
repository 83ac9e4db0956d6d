import type { GoldSettings } from '@feedbench/shared';
import { useState } from 'react';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { useUpdateGoldSettings } from '../api/update-gold-settings.ts';

/** Rate, threshold, minimum answers and auto-pause, edited as percentages where people think in them. */
export function GoldSettingsForm({ projectId, settings }: { projectId: string; settings: GoldSettings }) {
  const update = useUpdateGoldSettings(projectId);
  const [ratePercent, setRatePercent] = useState(String(Math.round(settings.rate * 100)));
  const [minPercent, setMinPercent] = useState(String(Math.round(settings.minAccuracy * 100)));
  const [minAnswers, setMinAnswers] = useState(String(settings.minAnswers));
  const [autoPause, setAutoPause] = useState(settings.autoPause);

  function save(event: React.FormEvent) {
    event.preventDefault();
    update.mutate({
      rate: Number(ratePercent) / 100,
      minAccuracy: Number(minPercent) / 100,
      minAnswers: Number(minAnswers),
      autoPause,
    });
  }

  return (
    <form className="stack" onSubmit={save} aria-label="Gold settings">
      <div className="row">
        <div className="field">
          <label htmlFor="gold-rate">Gold rate (% of tasks served)</label>
          <input
            id="gold-rate"
            type="number"
            min={0}
            max={50}
            step={1}
            value={ratePercent}
            onChange={(e) => setRatePercent(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="gold-min-accuracy">Minimum accuracy (%)</label>
          <input
            id="gold-min-accuracy"
            type="number"
            min={0}
            max={100}
            step={1}
            value={minPercent}
            onChange={(e) => setMinPercent(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="gold-min-answers">Gold answers before judging</label>
          <input
            id="gold-min-answers"
            type="number"
            min={1}
            max={1000}
            step={1}
            value={minAnswers}
            onChange={(e) => setMinAnswers(e.target.value)}
          />
        </div>
      </div>
      <label className="row">
        <input type="checkbox" checked={autoPause} onChange={(e) => setAutoPause(e.target.checked)} />
        Pause annotators automatically when they fall below the minimum accuracy
      </label>
      <div className="row">
        <button type="submit" className="primary" disabled={update.isPending}>
          Save gold settings
        </button>
        {update.isSuccess && !update.isPending && (
          <span role="status" className="muted">
            Saved.
          </span>
        )}
      </div>
      {update.isError && <ErrorNotice error={update.error} title="Gold settings not saved" />}
    </form>
  );
}
