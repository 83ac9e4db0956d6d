import type { User } from '@feedbench/shared';
import { useLogout } from '../api/logout.ts';

/** The signed-in account in the header: who, which role, and the way out. */
export function AccountMenu({ user, onSignedOut }: { user: User; onSignedOut: () => void }) {
  const logout = useLogout();
  return (
    <section className="account" aria-label="Account">
      <span className="account-email">{user.email}</span>
      <span className={`badge role-${user.role}`}>
        <span className="visually-hidden">Role: </span>
        {user.role}
      </span>
      <button
        type="button"
        className="ghost"
        disabled={logout.isPending}
        onClick={() => logout.mutate(undefined, { onSettled: onSignedOut })}
      >
        Log out
      </button>
    </section>
  );
}
