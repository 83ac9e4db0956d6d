import { USER_ROLES, type UserRole } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';
import { componentMessages } from '../../../components/components.messages.ts';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { useCreateUser } from '../api/create-user.ts';
import { useUsers } from '../api/get-users.ts';
import { authMessages } from '../auth.messages.ts';
import { AccountActions } from './AccountActions.tsx';

/** Accounts, for admins: there is no self sign-up, so people join when an admin creates their account. */
export function UsersPanel({ myId }: { myId?: string }) {
  const t = useMessages(authMessages);
  const c = useMessages(componentMessages);
  const format = useFormat();
  const users = useUsers();
  const create = useCreateUser();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<UserRole>('annotator');

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { email, password, role },
      {
        onSuccess: () => {
          setEmail('');
          setPassword('');
        },
      },
    );
  }

  return (
    <div className="stack">
      <form className="card stack" onSubmit={submit} aria-labelledby="new-account-title">
        <h2 id="new-account-title">{t('newAccount')}</h2>
        <div className="row align-end">
          <div className="field grow">
            <label htmlFor="account-email">{t('accountEmail')}</label>
            <input id="account-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </div>
          <div className="field grow">
            <label htmlFor="account-password">{t('initialPassword')}</label>
            <input
              id="account-password"
              type="password"
              autoComplete="new-password"
              required
              minLength={8}
              value={password}
              aria-describedby="account-password-hint"
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="account-role">{t('accountRole')}</label>
            <select id="account-role" value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
              {USER_ROLES.map((r) => (
                <option key={r} value={r}>
                  {c(`role_${r}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('createAccount')}
          </button>
        </div>
        <p id="account-password-hint" className="hint">
          {t('initialPasswordHint')}
        </p>
        {create.isError && (
          <p className="notice error" role="alert">
            {errorMessage(create.error)}
          </p>
        )}
        {create.isSuccess && (
          <p className="notice success" role="status">
            {t('created', { email: create.data.user.email, role: c(`role_${create.data.user.role}`) })}
          </p>
        )}
      </form>
      <section className="card stack" aria-labelledby="accounts-title">
        <h2 id="accounts-title">{t('accounts')}</h2>
        {users.isPending ? (
          <Loading what={t('accountsWhat')} />
        ) : users.isError ? (
          <ErrorNotice error={users.error} title={t('loadAccountsFailed')} />
        ) : (
          <table className="table">
            <caption className="visually-hidden">{t('accounts')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('email')}</th>
                <th scope="col">{t('role')}</th>
                <th scope="col">{t('created_col')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.users.map((user) => (
                <tr key={user.id}>
                  <td>{user.email}</td>
                  <td>
                    <span className={`badge role-${user.role}`}>{c(`role_${user.role}`)}</span>
                  </td>
                  <td>{format.date(user.createdAt)}</td>
                  <td>{user.disabled ? <span className="badge">{t('disabled')}</span> : t('active')}</td>
                  <td>
                    <AccountActions user={user} isMe={user.id === myId} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
