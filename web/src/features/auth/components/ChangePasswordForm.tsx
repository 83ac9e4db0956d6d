import { type FormEvent, useState } from 'react';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { useChangePassword } from '../api/change-password.ts';
import { authMessages } from '../auth.messages.ts';

/** One's own password: the current one confirms it is the account's owner at the keyboard. */
export function ChangePasswordForm() {
  const t = useMessages(authMessages);
  const change = useChangePassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrent('');
          setNew('');
        },
      },
    );
  }

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="password-title">
      <h2 id="password-title">{t('passwordTitle')}</h2>
      <div className="row align-end">
        <div className="field grow">
          <label htmlFor="current-password">{t('currentPassword')}</label>
          <input
            id="current-password"
            type="password"
            autoComplete="current-password"
            required
            value={currentPassword}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </div>
        <div className="field grow">
          <label htmlFor="new-password">{t('newPassword')}</label>
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            aria-describedby="new-password-hint"
            value={newPassword}
            onChange={(e) => setNew(e.target.value)}
          />
        </div>
        <button type="submit" className="primary" disabled={change.isPending}>
          {t('changePassword')}
        </button>
      </div>
      <p id="new-password-hint" className="hint">
        {t('newPasswordHint')}
      </p>
      {change.isError && (
        <p className="notice error" role="alert">
          {errorMessage(change.error)}
        </p>
      )}
      {change.isSuccess && (
        <p className="notice success" role="status">
          {t('passwordChanged')}
        </p>
      )}
    </form>
  );
}
