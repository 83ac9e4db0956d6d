import type { ModelConnection, SamplingParams } from '@feedbench/shared';
import { type FormEvent, useId, useState } from 'react';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { modelsMessages } from '../models.messages.ts';
import { SamplingFields, type SamplingText, samplingFromText, samplingToText } from './SamplingFields.tsx';

export interface ConnectionDraft {
  name: string;
  baseUrl: string;
  model: string;
  /** Empty: keep the stored key (or none for a new connection). */
  apiKey: string;
  removeKey: boolean;
  defaultParams: SamplingParams;
  instanceWide: boolean;
}

/**
 * Creates or edits a connection. The key field is write-only: it starts empty even when a key is stored, and an
 * empty field keeps the stored key.
 */
export function ConnectionForm({
  connection,
  canMakeInstanceWide,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  connection?: ModelConnection;
  canMakeInstanceWide: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: (draft: ConnectionDraft) => void;
  onCancel?: () => void;
}) {
  const t = useMessages(modelsMessages);
  const id = useId();
  const [name, setName] = useState(connection?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(connection?.baseUrl ?? '');
  const [model, setModel] = useState(connection?.model ?? '');
  const [apiKey, setApiKey] = useState('');
  const [removeKey, setRemoveKey] = useState(false);
  const [instanceWide, setInstanceWide] = useState(false);
  const [params, setParams] = useState<SamplingText>(samplingToText(connection?.defaultParams ?? {}));

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit({ name, baseUrl, model, apiKey, removeKey, instanceWide, defaultParams: samplingFromText(params) });
  }

  const title = connection ? t('editConnection', { name: connection.name }) : t('newConnection');
  return (
    <form className="card stack" onSubmit={submit} aria-label={title}>
      <h2>{title}</h2>
      <div className="row align-end">
        <div className="field grow">
          <label htmlFor={`${id}-name`}>{t('nameLabel')}</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
        </div>
        <div className="field grow">
          <label htmlFor={`${id}-model`}>{t('modelLabel')}</label>
          <input id={`${id}-model`} value={model} onChange={(e) => setModel(e.target.value)} required maxLength={200} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t('baseUrlLabel')}</label>
        <input
          id={`${id}-url`}
          type="url"
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          required
          aria-describedby={`${id}-url-hint`}
          placeholder="http://localhost:8000/v1"
        />
        <p id={`${id}-url-hint`} className="hint">
          {t('baseUrlHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-key`}>{t('apiKeyLabel')}</label>
        <input
          id={`${id}-key`}
          type="password"
          autoComplete="off"
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
          aria-describedby={`${id}-key-hint`}
          disabled={removeKey}
        />
        <p id={`${id}-key-hint`} className="hint">
          {connection?.hasApiKey ? t('apiKeyHintStored') : t('apiKeyHintNew')}
        </p>
        {connection?.hasApiKey && (
          <label className="checkbox">
            <input type="checkbox" checked={removeKey} onChange={(e) => setRemoveKey(e.target.checked)} />{' '}
            {t('removeKey')}
          </label>
        )}
      </div>
      {!connection && canMakeInstanceWide && (
        <label className="checkbox">
          <input type="checkbox" checked={instanceWide} onChange={(e) => setInstanceWide(e.target.checked)} />{' '}
          {t('instanceWideOption')}
        </label>
      )}
      <fieldset className="stack">
        <legend>{t('defaultsLegend')}</legend>
        <SamplingFields value={params} onChange={setParams} />
      </fieldset>
      <div className="row">
        <button type="submit" className="primary" disabled={pending}>
          {pending ? t('saving') : connection ? t('save') : t('create')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
      {error !== null && error !== undefined && (
        <p className="notice error" role="alert">
          {errorMessage(error)}
        </p>
      )}
    </form>
  );
}
