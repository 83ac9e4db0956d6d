import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { useAllApiTokens } from '../api/get-all-api-tokens.ts';
import { useRevokeApiToken } from '../api/revoke-api-token.ts';

/**
 * Admins: every account's API tokens, to revoke one that leaked or belongs to someone who left (the revocation is
 * in the audit log with the owner's email). `workspaceName` turns ids into names where the admin knows them.
 */
export function AllApiTokensPanel({ workspaceName }: { workspaceName: (id: string) => string }) {
  const tokens = useAllApiTokens();
  const revoke = useRevokeApiToken();
  return (
    <section className="card stack" aria-labelledby="all-tokens-title">
      <h2 id="all-tokens-title">Every account's API tokens</h2>
      {tokens.isPending ? (
        <Loading what="tokens" />
      ) : tokens.isError ? (
        <ErrorNotice error={tokens.error} title="Could not load tokens" />
      ) : tokens.data.tokens.length === 0 ? (
        <p className="muted">No tokens yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Every account's API tokens</caption>
          <thead>
            <tr>
              <th scope="col">Owner</th>
              <th scope="col">Name</th>
              <th scope="col">Starts with</th>
              <th scope="col">Workspace</th>
              <th scope="col">Access</th>
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
                <td>{token.ownerEmail}</td>
                <td>{token.name}</td>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>{workspaceName(token.workspaceId)}</td>
                <td>{token.access}</td>
                <td>{token.lastUsedAt ? new Date(token.lastUsedAt).toLocaleString() : 'never'}</td>
                <td>{token.revokedAt ? `revoked ${new Date(token.revokedAt).toLocaleDateString()}` : 'active'}</td>
                <td>
                  {!token.revokedAt && (
                    <ConfirmButton
                      label="Revoke"
                      ariaLabel={`Revoke ${token.name} of ${token.ownerEmail}`}
                      question={`Revoke ${token.name} of ${token.ownerEmail}? Scripts using it stop working at once.`}
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
  );
}
