import { AllApiTokensPanel } from '../../features/auth/components/AllApiTokensPanel.tsx';
import { ApiTokensPanel } from '../../features/auth/components/ApiTokensPanel.tsx';
import { AuditLog } from '../../features/auth/components/AuditLog.tsx';
import { ChangePasswordForm } from '../../features/auth/components/ChangePasswordForm.tsx';
import { useProjects } from '../../features/projects/api/get-projects.ts';
import { useWorkspaces } from '../../features/workspaces/api/get-workspaces.ts';
import { useMessages } from '../../i18n/messages.ts';
import { appMessages } from '../app.messages.ts';
import { useCurrentUser } from '../use-current-user.ts';

/** One's password and API tokens for everyone; every account's tokens and the audit log for admins. */
export function SecurityRoute() {
  const t = useMessages(appMessages);
  const user = useCurrentUser();
  const projects = useProjects();
  const workspaces = useWorkspaces();
  const workspaceName = (id: string) => workspaces.data?.workspaces.find((w) => w.id === id)?.name ?? id;
  return (
    <div className="stack">
      <h1>{t('security')}</h1>
      <ChangePasswordForm />
      <ApiTokensPanel
        projects={(projects.data?.projects ?? []).map((p) => ({ id: p.id, name: p.name, workspaceId: p.workspaceId }))}
        workspaces={workspaces.data?.workspaces ?? []}
      />
      {user.role === 'admin' && <AllApiTokensPanel workspaceName={workspaceName} />}
      {user.role === 'admin' && <AuditLog />}
    </div>
  );
}
