import { UsersPanel } from '../../features/auth/components/UsersPanel.tsx';
import { useCurrentUser } from '../use-current-user.ts';

export function UsersRoute() {
  const user = useCurrentUser();
  if (user.role !== 'admin') {
    return (
      <section className="card">
        <h1>Accounts</h1>
        <p>Only admins manage accounts.</p>
      </section>
    );
  }
  return (
    <div className="stack">
      <h1>Accounts</h1>
      <UsersPanel myId={user.id} />
    </div>
  );
}
