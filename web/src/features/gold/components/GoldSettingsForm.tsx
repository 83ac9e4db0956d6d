import type { GoldSettings } from '@feedbench/shared';
import { useState } from 'react';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { useUpdateGoldSettings } from '../api/update-gold-settings.ts';
import { goldMessages } from '../gold.messages.ts';

interface NumberFieldProps {
  id: string;
  label: string;
  min?: number;
  max: number;
  value: string;
  onChange: (value: string) => void;
}

/** A labelled whole-number input; the server's schema has the final word on the range. */
function NumberField({ id, label, min = 0, max, value, onChange }: NumberFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        step={1}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** Rate, threshold, minimum answers and auto-pause, edited as percentages where people think in them. */
export function GoldSettingsForm({ projectId, settings }: { projectId: string; settings: GoldSettings }) {
  const t = useMessages(goldMessages);
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
    <form className="stack" onSubmit={save} aria-label={t('goldSettings')}>
      <div className="row">
        <NumberField id="gold-rate" label={t('goldRate')} max={50} value={ratePercent} onChange={setRatePercent} />
        <NumberField
          id="gold-min-accuracy"
          label={t('minAccuracy')}
          max={100}
          value={minPercent}
          onChange={setMinPercent}
        />
        <NumberField
          id="gold-min-answers"
          label={t('answersBeforeJudging')}
          min={1}
          max={1000}
          value={minAnswers}
          onChange={setMinAnswers}
        />
      </div>
      <label className="row">
        <input type="checkbox" checked={autoPause} onChange={(e) => setAutoPause(e.target.checked)} />
        {t('autoPause')}
      </label>
      <div className="row">
        <button type="submit" className="primary" disabled={update.isPending}>
          {t('saveGoldSettings')}
        </button>
        {update.isSuccess && !update.isPending && (
          <span role="status" className="muted">
            {t('saved')}
          </span>
        )}
      </div>
      {update.isError && <ErrorNotice error={update.error} title={t('settingsNotSaved')} />}
    </form>
  );
}
