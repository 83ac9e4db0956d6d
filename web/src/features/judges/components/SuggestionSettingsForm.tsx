import { type Judge, SUGGESTION_MODES, type SuggestionMode, type SuggestionSettings } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { useUpdateSuggestionSettings } from '../api/calibration.ts';
import { judgesMessages } from '../judges.messages.ts';

const MODE_KEYS = { off: 'modeOff', on: 'modeOn', experiment: 'modeExperiment' } as const satisfies Record<
  SuggestionMode,
  string
>;

/** Off, on, or the anchoring experiment (a seeded half of the assignments), with the judge whose answers are shown. */
export function SuggestionSettingsForm({
  projectId,
  settings,
  judges,
}: {
  projectId: string;
  settings: SuggestionSettings;
  judges: readonly Judge[];
}) {
  const t = useMessages(judgesMessages);
  const update = useUpdateSuggestionSettings(projectId);
  const [mode, setMode] = useState<SuggestionMode>(settings.mode);
  const [judgeId, setJudgeId] = useState(settings.judgeId ?? judges[0]?.id ?? '');
  const [seed, setSeed] = useState(String(settings.seed));
  const needsJudge = mode !== 'off' && judgeId === '';

  function save(event: FormEvent) {
    event.preventDefault();
    update.mutate({ mode, judgeId: judgeId === '' ? null : judgeId, seed: Number(seed) });
  }

  return (
    <form className="stack" onSubmit={save} aria-labelledby="suggestions-heading">
      <h2 id="suggestions-heading">{t('suggestionsHeading')}</h2>
      <fieldset>
        <legend>{t('suggestionMode')}</legend>
        {SUGGESTION_MODES.map((m) => (
          <label key={m} className="row">
            <input type="radio" name="suggestion-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
            {t(MODE_KEYS[m])}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <div className="field">
          <label htmlFor="suggestion-judge">{t('suggestionJudge')}</label>
          <select id="suggestion-judge" value={judgeId} onChange={(e) => setJudgeId(e.target.value)}>
            <option value="">—</option>
            {judges.map((judge) => (
              <option key={judge.id} value={judge.id}>
                {judge.name}
              </option>
            ))}
          </select>
        </div>
        {mode === 'experiment' && (
          <div className="field">
            <label htmlFor="suggestion-seed">{t('suggestionSeed')}</label>
            <input
              id="suggestion-seed"
              type="number"
              min={0}
              step={1}
              value={seed}
              onChange={(e) => setSeed(e.target.value)}
            />
          </div>
        )}
      </div>
      {needsJudge && <p className="muted">{t('suggestionNeedsJudge')}</p>}
      {update.isError && <ErrorNotice error={update.error} />}
      <div className="row">
        <button type="submit" className="primary" disabled={update.isPending || needsJudge}>
          {t('suggestionSave')}
        </button>
        {update.isSuccess && (
          <span role="status" className="muted">
            {t('suggestionSaved')}
          </span>
        )}
      </div>
    </form>
  );
}
