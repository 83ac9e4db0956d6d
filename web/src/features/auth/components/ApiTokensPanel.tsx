import { API_TOKEN_ACCESS, type ApiToken, type ApiTokenAccess } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { CopyButton } from '../../../components/CopyButton.tsx';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { useCreateApiToken } from '../api/create-api-token.ts';
import { useApiTokens } from '../api/get-api-tokens.ts';
import { useRevokeApiToken } from '../api/revoke-api-token.ts';

interface ProjectChoice {
  id: string;
  name: string;
  workspaceId?: string;
}

const ACCESS_LABELS: Record<ApiTokenAccess, string> = {
  read: 'Read only (downloads, reports)',
  write: 'Read and write (imports, changes)',
};

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
  const tokens = useApiTokens();
  const create = useCreateApiToken();
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
        <h2 id="new-token-title">New API token</h2>
        <p className="hint">
          Scripts send it as <code>Authorization: Bearer …</code>. It acts with your rights, narrowed to what you pick
          here.
        </p>
        <div className="row wrap align-end">
          <div className="field grow">
            <label htmlFor="token-name">Token name</label>
            <input id="token-name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="token-password">Your password</label>
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
            <label htmlFor="token-access">Token access</label>
            <select id="token-access" value={access} onChange={(e) => setAccess(e.target.value as ApiTokenAccess)}>
              {API_TOKEN_ACCESS.map((a) => (
                <option key={a} value={a}>
                  {ACCESS_LABELS[a]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="token-expiry">Expires after</label>
            <select id="token-expiry" value={expiresInDays} onChange={(e) => setExpiresInDays(e.target.value)}>
              <option value="7">7 days</option>
              <option value="30">30 days</option>
              <option value="90">90 days</option>
              <option value="366">1 year</option>
              <option value="">Never</option>
            </select>
          </div>
        </div>
        <p id="token-password-hint" className="hint">
          Asked again so that only you, not a script in the page, can make a token.
        </p>
        {workspaces.length > 1 && (
          <div className="field">
            <label htmlFor="token-workspace">Token workspace</label>
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
          <legend>Projects</legend>
          <label>
            <input type="checkbox" checked={limited} onChange={(e) => setLimited(e.target.checked)} /> Only these
            projects (otherwise: every project you can reach)
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
            Create token
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
              <strong>Copy this token now.</strong> It is shown once and cannot be read again.
            </p>
            <label htmlFor="new-token-value">New token</label>
            <div className="row align-end">
              <input
                id="new-token-value"
                className="grow"
                readOnly
                value={create.data.token}
                onFocus={(e) => e.target.select()}
              />
              <CopyButton text={create.data.token} label="Copy token" />
            </div>
          </div>
        )}
      </form>
      <section className="card stack" aria-labelledby="tokens-title">
        <h2 id="tokens-title">Your API tokens</h2>
        {tokens.isPending ? (
          <Loading what="API tokens" />
        ) : tokens.isError ? (
          <ErrorNotice error={tokens.error} title="Could not load API tokens" />
        ) : tokens.data.tokens.length === 0 ? (
          <p className="muted">No tokens yet.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">API tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col">Access</th>
                <th scope="col">Projects</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
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
                  <td>{token.access}</td>
                  <td>{token.projectScope === 'all' ? 'all' : token.projectIds.map(projectName).join(', ')}</td>
                  <td>{token.lastUsedAt ? new Date(token.lastUsedAt).toLocaleString() : 'never'}</td>
                  <td>{tokenStatus(token)}</td>
                  <td>
                    {!token.revokedAt && (
                      <ConfirmButton
                        label="Revoke"
                        ariaLabel={`Revoke ${token.name}`}
                        question={`Revoke ${token.name}? Scripts using it stop working at once.`}
                        confirmLabel="Revoke token"
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

function tokenStatus(token: ApiToken) {
  if (token.revokedAt) return `revoked ${new Date(token.revokedAt).toLocaleDateString()}`;
  if (token.expiresAt && new Date(token.expiresAt) <= new Date()) return 'expired';
  return token.expiresAt ? `active until ${new Date(token.expiresAt).toLocaleDateString()}` : 'active';
}
