import { useRef } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useUpdateAccount } from '../../features/auth/api/update-account.ts';
import { LoginForm } from '../../features/auth/components/LoginForm.tsx';
import { changeLanguage, i18next, isLanguage } from '../../i18n/i18n.ts';
import { useMessages } from '../../i18n/messages.ts';
import { appMessages } from '../app.messages.ts';
import { LanguageSwitch } from '../LanguageSwitch.tsx';

/** Only same-site paths are followed after sign-in, never an absolute URL from the query string. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginRoute() {
  const t = useMessages(appMessages);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const updateAccount = useUpdateAccount();
  // A language picked here, before signing in, is what the person wants now: it becomes the account's choice.
  const pickedHere = useRef(false);
  return (
    <main className="login-page">
      <div className="card login-card">
        <div className="login-head">
          <div className="brand large">
            <span className="brand-mark" aria-hidden="true" />
            Feedbench
          </div>
          <LanguageSwitch
            onChange={() => {
              pickedHere.current = true;
            }}
          />
        </div>
        <h1>{t('signIn')}</h1>
        <p className="muted">{t('tagline')}</p>
        <LoginForm
          onSignedIn={({ user }) => {
            const current = i18next.language;
            if (!pickedHere.current && user.locale) void changeLanguage(user.locale);
            else if (user.locale !== current && isLanguage(current)) updateAccount.mutate({ locale: current });
            navigate(safeNext(params.get('next')), { replace: true });
          }}
        />
      </div>
    </main>
  );
}
