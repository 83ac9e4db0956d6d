import type { MeResponse } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { useLogin } from '../api/login.ts';
import { authMessages } from '../auth.messages.ts';

export function LoginForm({ onSignedIn }: { onSignedIn: (me: MeResponse) => void }) {
  const t = useMessages(authMessages);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useLogin();

  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate({ email, password }, { onSuccess: onSignedIn });
  }

  return (
    <form className="stack" onSubmit={submit} aria-label={t('signInForm')}>
      <div className="field">
        <label htmlFor="login-email">{t('email')}</label>
        <input
          id="login-email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="login-password">{t('password')}</label>
        <input
          id="login-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      {login.isError && (
        <p className="notice error" role="alert">
          {errorMessage(login.error)}
        </p>
      )}
      <button type="submit" className="primary" disabled={login.isPending}>
        {login.isPending ? t('signingIn') : t('signIn')}
      </button>
    </form>
  );
}
