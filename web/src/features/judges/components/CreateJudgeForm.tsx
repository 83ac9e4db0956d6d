import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { useCreateJudge } from '../api/judges.ts';
import { judgesMessages } from '../judges.messages.ts';

/** Turns a model connection the project may use into a judge: name, connection, sampling, extra instructions. */
export function CreateJudgeForm({
  projectId,
  connections,
}: {
  projectId: string;
  connections: readonly { id: string; name: string; model: string }[];
}) {
  const t = useMessages(judgesMessages);
  const create = useCreateJudge(projectId);
  const [name, setName] = useState('');
  const [connectionId, setConnectionId] = useState(connections[0]?.id ?? '');
  const [temperature, setTemperature] = useState('0');
  const [maxTokens, setMaxTokens] = useState('');
  const [seed, setSeed] = useState('');
  const [instructions, setInstructions] = useState('');

  if (connections.length === 0) return <p className="muted">{t('noConnections')}</p>;

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      {
        name,
        connectionId,
        instructions,
        params: {
          ...(temperature === '' ? {} : { temperature: Number(temperature) }),
          ...(maxTokens === '' ? {} : { maxTokens: Number(maxTokens) }),
          ...(seed === '' ? {} : { seed: Number(seed) }),
        },
      },
      { onSuccess: () => setName('') },
    );
  }

  return (
    <form className="stack" onSubmit={submit} aria-labelledby="create-judge">
      <h3 id="create-judge">{t('createJudgeHeading')}</h3>
      <div className="row">
        <div className="field">
          <label htmlFor="judge-name">{t('judgeName')}</label>
          <input id="judge-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="judge-connection">{t('judgeConnection')}</label>
          <select id="judge-connection" value={connectionId} onChange={(e) => setConnectionId(e.target.value)}>
            {connections.map((c) => (
              <option key={c.id} value={c.id} dir="auto">
                {c.name} ({c.model})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="judge-temperature">{t('judgeTemperature')}</label>
          <input
            id="judge-temperature"
            type="number"
            min={0}
            max={2}
            step={0.1}
            value={temperature}
            onChange={(e) => setTemperature(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="judge-max-tokens">{t('judgeMaxTokens')}</label>
          <input
            id="judge-max-tokens"
            type="number"
            min={1}
            max={32000}
            value={maxTokens}
            onChange={(e) => setMaxTokens(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="judge-seed">{t('judgeSeed')}</label>
          <input id="judge-seed" type="number" step={1} value={seed} onChange={(e) => setSeed(e.target.value)} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="judge-instructions">{t('judgeInstructions')}</label>
        <textarea
          id="judge-instructions"
          rows={3}
          value={instructions}
          onChange={(e) => setInstructions(e.target.value)}
          maxLength={20000}
        />
      </div>
      {create.isError && <ErrorNotice error={create.error} />}
      <div className="row">
        <button type="submit" className="primary" disabled={create.isPending || name.trim() === ''}>
          {create.isPending ? t('creatingJudge') : t('createJudge')}
        </button>
      </div>
    </form>
  );
}
