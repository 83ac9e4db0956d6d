import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { useAllApiTokens } from '../api/get-all-api-tokens.ts';
import { useRevokeApiToken } from '../api/revoke-api-token.ts';
import { authMessages } from '../auth.messages.ts';

/**
 * Admins: every account's API tokens, to revoke one that leaked or belongs to someone who left (the revocation is
 * in the audit log with the owner's email). `workspaceName` turns ids into names where the admin knows them.
 */
export function AllApiTokensPanel({ workspaceName }: { workspaceName: (id: string) => string }) {
  const t = useMessages(authMessages);
  const format = useFormat();
  const tokens = useAllApiTokens();
  const revoke = useRevokeApiToken();
  return (
    <section className="card stack" aria-labelledby="all-tokens-title">
      <h2 id="all-tokens-title">{t('allTokensTitle')}</h2>
      {tokens.isPending ? (
        <Loading what={t('tokensWhat')} />
      ) : tokens.isError ? (
        <ErrorNotice error={tokens.error} title={t('loadTokensFailed')} />
      ) : tokens.data.tokens.length === 0 ? (
        <p className="muted">{t('noTokens')}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('allTokensTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('owner')}</th>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('startsWith')}</th>
              <th scope="col">{t('workspace')}</th>
              <th scope="col">{t('access')}</th>
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
                <td>{token.ownerEmail}</td>
                <td>{token.name}</td>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>{workspaceName(token.workspaceId)}</td>
                <td>{t(`access_${token.access}`)}</td>
                <td>{token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('never')}</td>
                <td>{token.revokedAt ? t('revokedOn', { date: format.date(token.revokedAt) }) : t('active')}</td>
                <td>
                  {!token.revokedAt && (
                    <ConfirmButton
                      label={t('revoke')}
                      ariaLabel={t('revokeOf', { name: token.name, email: token.ownerEmail })}
                      question={t('revokeOfQuestion', { name: token.name, email: token.ownerEmail })}
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
  );
}
