import { Link, Outlet, useNavigate } from 'react-router';
import { ErrorNotice, Loading } from '../components/QueryState.tsx';
import { useMe } from '../features/auth/api/get-me.ts';
import { AccountMenu } from '../features/auth/components/AccountMenu.tsx';
import { modelsMessages } from '../features/models/models.messages.ts';
import { useMessages } from '../i18n/messages.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { ThemeSwitch } from './ThemeSwitch.tsx';

export function AppLayout() {
  const t = useMessages(modelsMessages);
  const me = useMe();
  const navigate = useNavigate();
  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Feedbench home">
          <span className="brand-mark" aria-hidden="true" />
          Feedbench
        </Link>
        <nav aria-label="Main">
          <Link to="/">Projects</Link>
          {me.data?.user.role === 'admin' && <Link to="/users">Accounts</Link>}
          {me.data && <Link to="/workspaces">Workspaces</Link>}
          {me.data && me.data.user.role !== 'annotator' && <Link to="/models">{t('navModels')}</Link>}
          <Link to="/review">Review</Link>
          <Link to="/security">Security</Link>
        </nav>
        <LanguageSwitch />
        {me.data && <ThemeSwitch userId={me.data.user.id} />}
        {me.data && <AccountMenu user={me.data.user} onSignedOut={() => navigate('/login', { replace: true })} />}
      </header>
      <main className="content">
        {me.isPending ? (
          <Loading what="your account" />
        ) : me.isError ? (
          <ErrorNotice error={me.error} title="Could not load your account" />
        ) : (
          <Outlet context={me.data.user} />
        )}
      </main>
    </div>
  );
}
