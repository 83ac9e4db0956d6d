import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { ChatSettingsFields, DEFAULT_CHAT_SETTINGS } from '../../features/chat/components/ChatSettingsFields.tsx';
import { useProjects } from '../../features/projects/api/get-projects.ts';
import { NewProjectForm } from '../../features/projects/components/NewProjectForm.tsx';
import { ProjectList } from '../../features/projects/components/ProjectList.tsx';
import { useWorkspaces } from '../../features/workspaces/api/get-workspaces.ts';
import { MyInvitations } from '../../features/workspaces/components/MyInvitations.tsx';
import { WorkspaceSelect } from '../../features/workspaces/components/WorkspaceSelect.tsx';
import { useMessages } from '../../i18n/messages.ts';
import { appMessages } from '../app.messages.ts';
import { useCurrentUser } from '../use-current-user.ts';

export function ProjectsRoute() {
  const t = useMessages(appMessages);
  const user = useCurrentUser();
  const [search, setSearch] = useSearchParams();
  const workspaces = useWorkspaces();
  const known = workspaces.data?.workspaces ?? [];
  // The switcher's choice lives in the URL (`?workspace=`), so a filtered list can be shared and reloaded.
  const requested = search.get('workspace') ?? '';
  const workspaceId = known.some((w) => w.id === requested) ? requested : '';
  const projects = useProjects(workspaceId || undefined);
  const [chatSettings, setChatSettings] = useState(DEFAULT_CHAT_SETTINGS);
  const navigate = useNavigate();
  const canCreate = user.role === 'admin' || user.role === 'researcher';
  // The workspace being shown comes first in the new-project form.
  const creatable = [...known.filter((w) => w.id === workspaceId), ...known.filter((w) => w.id !== workspaceId)];
  return (
    <div className="stack">
      <h1>{user.role === 'annotator' ? t('yourProjects') : t('projects')}</h1>
      <MyInvitations />
      {known.length > 1 && (
        <WorkspaceSelect
          id="workspace-filter"
          label={t('showWorkspace')}
          allLabel={t('allMyWorkspaces')}
          workspaces={known}
          value={workspaceId}
          onChange={(id) => setSearch(id ? { workspace: id } : {})}
        />
      )}
      {projects.isPending ? (
        <Loading what={t('projectsWhat')} />
      ) : projects.isError ? (
        <ErrorNotice error={projects.error} title={t('loadProjectsFailed')} />
      ) : (
        <ProjectList projects={projects.data.projects} />
      )}
      {canCreate && (
        <NewProjectForm
          workspaces={creatable}
          onCreated={(id) => navigate(`/projects/${id}`)}
          chatSettings={{
            value: chatSettings,
            fields: (id) => <ChatSettingsFields workspaceId={id} value={chatSettings} onChange={setChatSettings} />,
          }}
        />
      )}
    </div>
  );
}
