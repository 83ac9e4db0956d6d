import { MyInvitations } from '../../features/workspaces/components/MyInvitations.tsx';
import { WorkspacesPanel } from '../../features/workspaces/components/WorkspacesPanel.tsx';
import { useMessages } from '../../i18n/messages.ts';
import { appMessages } from '../app.messages.ts';
import { useCurrentUser } from '../use-current-user.ts';

/** Everyone: their invitations. Workspace owners and admins: members and invitations. Instance admins: everything. */
export function WorkspacesRoute() {
  const t = useMessages(appMessages);
  const user = useCurrentUser();
  return (
    <div className="stack">
      <h1>{t('workspaces')}</h1>
      <MyInvitations />
      <WorkspacesPanel instanceAdmin={user.role === 'admin'} />
    </div>
  );
}
