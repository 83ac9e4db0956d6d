import { useEffect } from 'react';
import { Link, Outlet, useNavigate } from 'react-router';
import { ErrorNotice, Loading } from '../components/QueryState.tsx';
import { useMe } from '../features/auth/api/get-me.ts';
import { useUpdateAccount } from '../features/auth/api/update-account.ts';
import { AccountMenu } from '../features/auth/components/AccountMenu.tsx';
import { modelsMessages } from '../features/models/models.messages.ts';
import { changeLanguage, i18next } from '../i18n/i18n.ts';
import { useMessages } from '../i18n/messages.ts';
import { appMessages } from './app.messages.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { ThemeSwitch } from './ThemeSwitch.tsx';

export function AppLayout() {
  const t = useMessages(appMessages);
  const models = useMessages(modelsMessages);
  const me = useMe();
  const navigate = useNavigate();
  const updateAccount = useUpdateAccount();
  const locale = me.data?.user.locale;
  // The account's language wins over this browser's: chosen once, it follows the person to any browser.
  useEffect(() => {
    if (locale && locale !== i18next.language) void changeLanguage(locale);
  }, [locale]);
  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/" className="brand" aria-label={t('home')}>
          <span className="brand-mark" aria-hidden="true" />
          Feedbench
        </Link>
        <nav aria-label={t('mainNav')}>
          <Link to="/">{t('navProjects')}</Link>
          {me.data?.user.role === 'admin' && <Link to="/users">{t('navAccounts')}</Link>}
          {me.data && <Link to="/workspaces">{t('navWorkspaces')}</Link>}
          {me.data && me.data.user.role !== 'annotator' && <Link to="/models">{models('navModels')}</Link>}
          <Link to="/review">{t('navReview')}</Link>
          <Link to="/security">{t('navSecurity')}</Link>
        </nav>
        <LanguageSwitch onChange={(language) => me.data && updateAccount.mutate({ locale: language })} />
        {me.data && <ThemeSwitch userId={me.data.user.id} />}
        {me.data && <AccountMenu user={me.data.user} onSignedOut={() => navigate('/login', { replace: true })} />}
      </header>
      <main className="content">
        {me.isPending ? (
          <Loading what={t('yourAccount')} />
        ) : me.isError ? (
          <ErrorNotice error={me.error} title={t('loadAccountFailed')} />
        ) : (
          <Outlet context={me.data.user} />
        )}
      </main>
    </div>
  );
}
