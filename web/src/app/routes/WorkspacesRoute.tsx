import { WorkspacesPanel } from '../../features/workspaces/components/WorkspacesPanel.tsx';
import { useCurrentUser } from '../use-current-user.ts';

export function WorkspacesRoute() {
  const user = useCurrentUser();
  if (user.role !== 'admin') {
    return (
      <section className="card">
        <h1>Workspaces</h1>
        <p>Only admins manage workspaces.</p>
      </section>
    );
  }
  return (
    <div className="stack">
      <h1>Workspaces</h1>
      <WorkspacesPanel />
    </div>
  );
}
