import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { ModelConnectionsPanel } from '../../features/models/components/ModelConnectionsPanel.tsx';
import { modelsMessages } from '../../features/models/models.messages.ts';
import { useWorkspaces } from '../../features/workspaces/api/get-workspaces.ts';
import { useMessages } from '../../i18n/messages.ts';
import { useCurrentUser } from '../use-current-user.ts';

/** Model connections of the workspaces the caller manages (instance admins: every workspace, and instance-wide). */
export function ModelsRoute() {
  const t = useMessages(modelsMessages);
  const user = useCurrentUser();
  const workspaces = useWorkspaces();
  if (workspaces.isPending) return <Loading what="workspaces" />;
  if (workspaces.isError) return <ErrorNotice error={workspaces.error} />;
  const instanceAdmin = user.role === 'admin';
  const managed = workspaces.data.workspaces.filter(
    (w) => instanceAdmin || w.myRole === 'owner' || w.myRole === 'admin',
  );
  return (
    <div className="stack">
      <h1>{t('pageTitle')}</h1>
      <p className="hint">{t('pageIntro')}</p>
      <ModelConnectionsPanel workspaces={managed} instanceAdmin={instanceAdmin} />
    </div>
  );
}
