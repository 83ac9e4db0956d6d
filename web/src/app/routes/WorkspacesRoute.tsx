import { MyInvitations } from '../../features/workspaces/components/MyInvitations.tsx';
import { WorkspacesPanel } from '../../features/workspaces/components/WorkspacesPanel.tsx';
import { useCurrentUser } from '../use-current-user.ts';

/** Everyone: their invitations. Workspace owners and admins: members and invitations. Instance admins: everything. */
export function WorkspacesRoute() {
  const user = useCurrentUser();
  return (
    <div className="stack">
      <h1>Workspaces</h1>
      <MyInvitations />
      <WorkspacesPanel instanceAdmin={user.role === 'admin'} />
    </div>
  );
}
