import { UsersPanel } from '../../features/auth/components/UsersPanel.tsx';
import { useMessages } from '../../i18n/messages.ts';
import { appMessages } from '../app.messages.ts';
import { useCurrentUser } from '../use-current-user.ts';

export function UsersRoute() {
  const t = useMessages(appMessages);
  const user = useCurrentUser();
  if (user.role !== 'admin') {
    return (
      <section className="card">
        <h1>{t('accounts')}</h1>
        <p>{t('onlyAdminsAccounts')}</p>
      </section>
    );
  }
  return (
    <div className="stack">
      <h1>{t('accounts')}</h1>
      <UsersPanel myId={user.id} />
    </div>
  );
}
