import type { AdminUser } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { useResetPassword } from '../api/reset-password.ts';
import { useUpdateUser } from '../api/update-user.ts';
import { authMessages } from '../auth.messages.ts';

/** An admin's actions on one account: disable or enable it, and set a new password. */
export function AccountActions({ user, isMe }: { user: AdminUser; isMe: boolean }) {
  const t = useMessages(authMessages);
  const update = useUpdateUser();
  const reset = useResetPassword();
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState('');
  const inputId = `reset-${user.id}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    reset.mutate(
      { userId: user.id, password },
      {
        onSuccess: () => {
          setPassword('');
          setResetting(false);
        },
      },
    );
  }

  return (
    <div className="stack tight">
      <div className="actions">
        {user.disabled ? (
          <button
            type="button"
            className="small"
            aria-label={t('enableWho', { email: user.email })}
            disabled={update.isPending}
            onClick={() => update.mutate({ userId: user.id, disabled: false })}
          >
            {t('enable')}
          </button>
        ) : (
          !isMe && (
            <ConfirmButton
              label={t('disable')}
              ariaLabel={t('disableWho', { email: user.email })}
              question={t('disableQuestion', { email: user.email })}
              confirmLabel={t('disableAccount')}
              disabled={update.isPending}
              onConfirm={() => update.mutate({ userId: user.id, disabled: true })}
            />
          )
        )}
        {/* One's own password is changed on the Security page, with the current one. */}
        {!isMe && (
          <button
            type="button"
            className="small"
            aria-expanded={resetting}
            aria-label={t('resetPasswordOf', { email: user.email })}
            onClick={() => setResetting(!resetting)}
          >
            {t('resetPassword')}
          </button>
        )}
      </div>
      {resetting && (
        <form className="row align-end" onSubmit={submit}>
          <div className="field">
            <label htmlFor={inputId}>{t('newPasswordFor', { email: user.email })}</label>
            <input
              id={inputId}
              type="password"
              autoComplete="new-password"
              required
              minLength={8}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <button type="submit" className="small primary" disabled={reset.isPending}>
            {t('setPassword')}
          </button>
        </form>
      )}
      {reset.isSuccess && !resetting && (
        <p className="hint" role="status">
          {t('passwordSet', { email: user.email })}
        </p>
      )}
      {(update.isError || reset.isError) && (
        <p className="notice error" role="alert">
          {errorMessage(update.error ?? reset.error)}
        </p>
      )}
    </div>
  );
}
