import { USER_ROLES, type UserRole } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { useCreateUser } from '../api/create-user.ts';
import { useUsers } from '../api/get-users.ts';
import { AccountActions } from './AccountActions.tsx';

/** Accounts, for admins: there is no self sign-up, so people join when an admin creates their account. */
export function UsersPanel({ myId }: { myId?: string }) {
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
        <h2 id="new-account-title">New account</h2>
        <div className="row align-end">
          <div className="field grow">
            <label htmlFor="account-email">Account email</label>
            <input id="account-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </div>
          <div className="field grow">
            <label htmlFor="account-password">Initial password</label>
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
            <label htmlFor="account-role">Account role</label>
            <select id="account-role" value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
              {USER_ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="primary" disabled={create.isPending}>
            Create account
          </button>
        </div>
        <p id="account-password-hint" className="hint">
          At least 8 characters, not a common password nor one made from the email. Share it with the person privately.
        </p>
        {create.isError && (
          <p className="notice error" role="alert">
            {errorMessage(create.error)}
          </p>
        )}
        {create.isSuccess && (
          <p className="notice success" role="status">
            Created {create.data.user.email} ({create.data.user.role}).
          </p>
        )}
      </form>
      <section className="card stack" aria-labelledby="accounts-title">
        <h2 id="accounts-title">Accounts</h2>
        {users.isPending ? (
          <Loading what="accounts" />
        ) : users.isError ? (
          <ErrorNotice error={users.error} title="Could not load accounts" />
        ) : (
          <table className="table">
            <caption className="visually-hidden">Accounts</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.users.map((user) => (
                <tr key={user.id}>
                  <td>{user.email}</td>
                  <td>
                    <span className={`badge role-${user.role}`}>{user.role}</span>
                  </td>
                  <td>{new Date(user.createdAt).toLocaleDateString()}</td>
                  <td>{user.disabled ? <span className="badge">disabled</span> : 'active'}</td>
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
