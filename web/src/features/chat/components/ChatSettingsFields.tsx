import { type ChatSettingsInput, MAX_RANKED_OUTPUTS, MIN_RANKED_OUTPUTS } from '@feedbench/shared';
import { useId } from 'react';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { useWorkspaceConnections } from '../api/model-connections.ts';
import { chatMessages } from '../chat.messages.ts';

export const DEFAULT_CHAT_SETTINGS: ChatSettingsInput = {
  candidates: [],
  systemPrompt: '',
  turnLimit: 3,
  tokenBudget: 50_000,
  timeBudgetMinutes: 60,
};

/**
 * A chat project's setup: K candidate slots, each a model connection of the workspace with its own temperature
 * (the same connection may fill several slots), the system prompt, the turn limit and the per-task budgets.
 */
export function ChatSettingsFields({
  workspaceId,
  value,
  onChange,
}: {
  workspaceId: string;
  value: ChatSettingsInput;
  onChange: (value: ChatSettingsInput) => void;
}) {
  const t = useMessages(chatMessages);
  const id = useId();
  const connections = useWorkspaceConnections(workspaceId);
  const list = connections.data?.connections ?? [];
  const slots = value.candidates;
  const setSlot = (index: number, patch: Partial<(typeof slots)[number]>) =>
    onChange({ ...value, candidates: slots.map((s, i) => (i === index ? { ...s, ...patch } : s)) });
  return (
    <fieldset className="stack">
      <legend>{t('setupLegend')}</legend>
      {connections.isError && <ErrorNotice error={connections.error} title={t('setupConnectionsFailed')} />}
      {connections.isSuccess && list.length === 0 && <p className="notice">{t('setupNoConnections')}</p>}
      {slots.map((slot, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: slots are positions
        <div className="row" key={index}>
          <div className="field grow">
            <label htmlFor={`${id}-conn-${index}`}>{t('setupSlot', { n: index + 1 })}</label>
            <select
              id={`${id}-conn-${index}`}
              value={slot.connectionId}
              onChange={(e) => setSlot(index, { connectionId: e.target.value })}
            >
              {/* A saved slot whose connection was deleted or moved: shown as such, not as the first option. */}
              {connections.isSuccess && !list.some((c) => c.id === slot.connectionId) && (
                <option value={slot.connectionId}>{t('setupConnectionGone')}</option>
              )}
              {list.map((c) => (
                <option key={c.id} value={c.id} dir="auto">
                  {c.name} ({c.model})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-temp-${index}`}>{t('setupTemperature')}</label>
            <input
              id={`${id}-temp-${index}`}
              type="number"
              min={0}
              max={2}
              step={0.1}
              value={slot.params?.temperature ?? ''}
              onChange={(e) =>
                setSlot(index, {
                  params: {
                    ...slot.params,
                    temperature: e.target.value === '' ? undefined : Number(e.target.value),
                  },
                })
              }
            />
          </div>
          <button
            type="button"
            className="ghost"
            onClick={() => onChange({ ...value, candidates: slots.filter((_, i) => i !== index) })}
          >
            {t('setupRemoveSlot')}
          </button>
        </div>
      ))}
      <div className="actions">
        <button
          type="button"
          disabled={list.length === 0 || slots.length >= MAX_RANKED_OUTPUTS}
          onClick={() =>
            onChange({
              ...value,
              candidates: [...slots, { connectionId: list[slots.length % list.length]?.id ?? '', params: {} }],
            })
          }
        >
          {t('setupAddSlot')}
        </button>
      </div>
      <p className="hint">{t('setupSlotsHint', { min: MIN_RANKED_OUTPUTS, max: MAX_RANKED_OUTPUTS })}</p>
      <div className="field">
        <label htmlFor={`${id}-system`}>{t('setupSystemPrompt')}</label>
        <textarea
          id={`${id}-system`}
          rows={2}
          value={value.systemPrompt ?? ''}
          onChange={(e) => onChange({ ...value, systemPrompt: e.target.value })}
        />
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-turns`}>{t('setupTurnLimit')}</label>
          <input
            id={`${id}-turns`}
            type="number"
            min={1}
            max={50}
            value={value.turnLimit ?? 3}
            onChange={(e) => onChange({ ...value, turnLimit: Number(e.target.value) })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-tokens`}>{t('setupTokenBudget')}</label>
          <input
            id={`${id}-tokens`}
            type="number"
            min={100}
            value={value.tokenBudget ?? 50_000}
            onChange={(e) => onChange({ ...value, tokenBudget: Number(e.target.value) })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-minutes`}>{t('setupTimeBudget')}</label>
          <input
            id={`${id}-minutes`}
            type="number"
            min={1}
            value={value.timeBudgetMinutes ?? 60}
            onChange={(e) => onChange({ ...value, timeBudgetMinutes: Number(e.target.value) })}
          />
        </div>
      </div>
    </fieldset>
  );
}
