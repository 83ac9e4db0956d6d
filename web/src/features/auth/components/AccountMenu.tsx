import type { User } from '@feedbench/shared';
import { componentMessages } from '../../../components/components.messages.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { useLogout } from '../api/logout.ts';
import { authMessages } from '../auth.messages.ts';

/** The signed-in account in the header: who, which role, and the way out. */
export function AccountMenu({ user, onSignedOut }: { user: User; onSignedOut: () => void }) {
  const t = useMessages(authMessages);
  const c = useMessages(componentMessages);
  const logout = useLogout();
  return (
    <section className="account" aria-label={t('account')}>
      <span className="account-email">{user.email}</span>
      <span className={`badge role-${user.role}`}>
        <span className="visually-hidden">{t('rolePrefix')}</span>
        {c(`role_${user.role}`)}
      </span>
      <button
        type="button"
        className="ghost"
        disabled={logout.isPending}
        onClick={() => logout.mutate(undefined, { onSettled: onSignedOut })}
      >
        {t('logOut')}
      </button>
    </section>
  );
}
