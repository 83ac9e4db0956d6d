import { API_TOKEN_ACCESS, type ApiToken, type ApiTokenAccess } from '@feedbench/shared';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { CopyButton } from '../../../components/CopyButton.tsx';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { type Translate, useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { useCreateApiToken } from '../api/create-api-token.ts';
import { useApiTokens } from '../api/get-api-tokens.ts';
import { useRevokeApiToken } from '../api/revoke-api-token.ts';
import { authMessages } from '../auth.messages.ts';

interface ProjectChoice {
  id: string;
  name: string;
  workspaceId?: string;
}

/**
 * Personal API tokens for scripts and the CLI: made here, shown once, revocable. A token reaches one workspace:
 * with several `workspaces`, the person picks it (else the server takes the default one).
 */
export function ApiTokensPanel({
  projects: allProjects,
  workspaces = [],
}: {
  projects: ProjectChoice[];
  workspaces?: { id: string; name: string }[];
}) {
  const t = useMessages(authMessages);
  const format = useFormat();
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  // The new token is shown once: focus goes to it (selected, ready to copy), not back to the top of the page.
  const tokenField = useRef<HTMLInputElement>(null);
  const newToken = create.data?.token;
  useEffect(() => {
    if (newToken) tokenField.current?.focus();
  }, [newToken]);
  const revoke = useRevokeApiToken();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [access, setAccess] = useState<ApiTokenAccess>('read');
  const [limited, setLimited] = useState(false);
  const [projectIds, setProjectIds] = useState<string[]>([]);
  const [expiresInDays, setExpiresInDays] = useState('90');
  const [workspaceId, setWorkspaceId] = useState('');
  const chosenWorkspace = workspaces.length > 1 ? workspaceId || workspaces[0]?.id : undefined;
  const projects = chosenWorkspace ? allProjects.filter((p) => p.workspaceId === chosenWorkspace) : allProjects;
  const projectName = (id: string) => projects.find((p) => p.id === id)?.name ?? id;

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      {
        name,
        password,
        access,
        workspaceId: chosenWorkspace,
        projectIds: limited ? projectIds.filter((id) => projects.some((p) => p.id === id)) : undefined,
        expiresInDays: expiresInDays ? Number(expiresInDays) : undefined,
      },
      {
        onSuccess: () => {
          setName('');
          setPassword('');
        },
      },
    );
  }

  const toggleProject = (id: string, on: boolean) =>
    setProjectIds((ids) => (on ? [...ids, id] : ids.filter((other) => other !== id)));

  return (
    <div className="stack">
      <form className="card stack" onSubmit={submit} aria-labelledby="new-token-title">
        <h2 id="new-token-title">{t('newToken')}</h2>
        <p className="hint">
          {t('tokenHintBefore')} <code>Authorization: Bearer …</code>. {t('tokenHintAfter')}
        </p>
        <div className="row wrap align-end">
          <div className="field grow">
            <label htmlFor="token-name">{t('tokenName')}</label>
            <input id="token-name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="token-password">{t('yourPassword')}</label>
            <input
              id="token-password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              aria-describedby="token-password-hint"
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="token-access">{t('tokenAccess')}</label>
            <select id="token-access" value={access} onChange={(e) => setAccess(e.target.value as ApiTokenAccess)}>
              {API_TOKEN_ACCESS.map((a) => (
                <option key={a} value={a}>
                  {t(`accessLabel_${a}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="token-expiry">{t('expiresAfter')}</label>
            <select id="token-expiry" value={expiresInDays} onChange={(e) => setExpiresInDays(e.target.value)}>
              <option value="7">{t('days', { count: 7 })}</option>
              <option value="30">{t('days', { count: 30 })}</option>
              <option value="90">{t('days', { count: 90 })}</option>
              <option value="366">{t('oneYear')}</option>
              <option value="">{t('neverExpires')}</option>
            </select>
          </div>
        </div>
        <p id="token-password-hint" className="hint">
          {t('tokenPasswordHint')}
        </p>
        {workspaces.length > 1 && (
          <div className="field">
            <label htmlFor="token-workspace">{t('tokenWorkspace')}</label>
            <select id="token-workspace" value={chosenWorkspace} onChange={(e) => setWorkspaceId(e.target.value)}>
              {workspaces.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <fieldset className="stack">
          <legend>{t('projects')}</legend>
          <label>
            <input type="checkbox" checked={limited} onChange={(e) => setLimited(e.target.checked)} />{' '}
            {t('onlyTheseProjects')}
          </label>
          {limited && (
            <div className="row wrap">
              {projects.map((p) => (
                <label key={p.id}>
                  <input
                    type="checkbox"
                    checked={projectIds.includes(p.id)}
                    onChange={(e) => toggleProject(p.id, e.target.checked)}
                  />{' '}
                  {p.name}
                </label>
              ))}
            </div>
          )}
        </fieldset>
        <div>
          <button type="submit" className="primary" disabled={create.isPending || (limited && projectIds.length === 0)}>
            {t('createToken')}
          </button>
        </div>
        {create.isError && (
          <p className="notice error" role="alert">
            {errorMessage(create.error)}
          </p>
        )}
        {create.isSuccess && (
          <div className="notice success stack" role="status">
            <p>
              <strong>{t('copyNow')}</strong> {t('shownOnce')}
            </p>
            <label htmlFor="new-token-value">{t('newTokenValue')}</label>
            <div className="row align-end">
              <input
                ref={tokenField}
                id="new-token-value"
                className="grow"
                readOnly
                value={create.data.token}
                onFocus={(e) => e.target.select()}
              />
              <CopyButton text={create.data.token} label={t('copyToken')} />
            </div>
          </div>
        )}
      </form>
      <section className="card stack" aria-labelledby="tokens-title">
        <h2 id="tokens-title">{t('yourTokens')}</h2>
        {tokens.isPending ? (
          <Loading what={t('apiTokensWhat')} />
        ) : tokens.isError ? (
          <ErrorNotice error={tokens.error} title={t('loadApiTokensFailed')} />
        ) : tokens.data.tokens.length === 0 ? (
          <p className="muted">{t('noTokens')}</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">{t('apiTokens')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('startsWith')}</th>
                <th scope="col">{t('access')}</th>
                <th scope="col">{t('projects')}</th>
                <th scope="col">{t('lastUsed')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.tokens.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>
                    <code>{token.prefix}…</code>
                  </td>
                  <td>{t(`access_${token.access}`)}</td>
                  <td>
                    {token.projectScope === 'all' ? t('allProjects') : token.projectIds.map(projectName).join(', ')}
                  </td>
                  <td>{token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('never')}</td>
                  <td>{tokenStatus(token, t, format.date)}</td>
                  <td>
                    {!token.revokedAt && (
                      <ConfirmButton
                        label={t('revoke')}
                        ariaLabel={t('revokeName', { name: token.name })}
                        question={t('revokeQuestion', { name: token.name })}
                        confirmLabel={t('revokeToken')}
                        disabled={revoke.isPending}
                        onConfirm={() => revoke.mutate(token.id)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {revoke.isError && (
          <p className="notice error" role="alert">
            {errorMessage(revoke.error)}
          </p>
        )}
      </section>
    </div>
  );
}

function tokenStatus(token: ApiToken, t: Translate<(typeof authMessages)['en']>, date: (value: string) => string) {
  if (token.revokedAt) return t('revokedOn', { date: date(token.revokedAt) });
  if (token.expiresAt && new Date(token.expiresAt) <= new Date()) return t('expired');
  return token.expiresAt ? t('activeUntil', { date: date(token.expiresAt) }) : t('active');
}
