import { ApiTokensPanel } from '../../features/auth/components/ApiTokensPanel.tsx';
import { AuditLog } from '../../features/auth/components/AuditLog.tsx';
import { useProjects } from '../../features/projects/api/get-projects.ts';
import { useCurrentUser } from '../use-current-user.ts';

/** API tokens for everyone; the audit log for admins. */
export function SecurityRoute() {
  const user = useCurrentUser();
  const projects = useProjects();
  return (
    <div className="stack">
      <h1>Security</h1>
      <ApiTokensPanel projects={(projects.data?.projects ?? []).map((p) => ({ id: p.id, name: p.name }))} />
      {user.role === 'admin' && <AuditLog />}
    </div>
  );
}
