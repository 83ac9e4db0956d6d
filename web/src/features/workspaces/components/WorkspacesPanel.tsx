import { WORKSPACE_ROLES, type Workspace, type WorkspaceRole } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { useAddWorkspaceMember } from '../api/add-workspace-member.ts';
import { useCreateWorkspace } from '../api/create-workspace.ts';
import { useWorkspaceMembers } from '../api/get-workspace-members.ts';
import { useWorkspaces } from '../api/get-workspaces.ts';
import { useRemoveWorkspaceMember } from '../api/remove-workspace-member.ts';
import { workspaceMessages } from '../workspaces.messages.ts';
import { WorkspaceInvitations } from './WorkspaceInvitations.tsx';

/** Slugs are lower-case words joined by dashes, made from the name until someone types their own. */
const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);

/**
 * Instance admins: create workspaces and choose who belongs to each (projects never cross them). Owners and admins of
 * a workspace: its members and invitations (they invite; only instance admins add an account directly).
 */
export function WorkspacesPanel({ instanceAdmin }: { instanceAdmin: boolean }) {
  const t = useMessages(workspaceMessages);
  const workspaces = useWorkspaces();
  const create = useCreateWorkspace();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  /** The slug follows the name until someone types their own. */
  const [slugEdited, setSlugEdited] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { name, slug: slug || slugOf(name) },
      {
        onSuccess: () => {
          setName('');
          setSlug('');
          setSlugEdited(false);
        },
      },
    );
  }

  const managed = (workspaces.data?.workspaces ?? []).filter(
    (workspace) => instanceAdmin || workspace.myRole === 'owner' || workspace.myRole === 'admin',
  );

  return (
    <div className="stack">
      {instanceAdmin && (
        <form className="card stack" onSubmit={submit} aria-labelledby="new-workspace-title">
          <h2 id="new-workspace-title">{t('newWorkspace')}</h2>
          <div className="row align-end">
            <div className="field grow">
              <label htmlFor="workspace-name">{t('workspaceName')}</label>
              <input
                id="workspace-name"
                dir="auto"
                required
                maxLength={200}
                value={name}
                onChange={(e) => {
                  setName(e.target.value);
                  if (!slugEdited) setSlug(slugOf(e.target.value));
                }}
              />
            </div>
            <div className="field grow">
              <label htmlFor="workspace-slug">{t('slug')}</label>
              <input
                id="workspace-slug"
                maxLength={63}
                pattern="[a-z0-9][a-z0-9\-]*"
                placeholder={slugOf(name) || 'team-a'}
                value={slug}
                aria-describedby="workspace-slug-hint"
                onChange={(e) => {
                  setSlug(e.target.value);
                  setSlugEdited(e.target.value !== '');
                }}
              />
            </div>
            <button type="submit" className="primary" disabled={create.isPending}>
              {t('createWorkspace')}
            </button>
          </div>
          <p id="workspace-slug-hint" className="hint">
            {t('slugHint')} (<code>--workspace</code>).
          </p>
          {create.isError && (
            <p className="notice error" role="alert">
              {errorMessage(create.error)}
            </p>
          )}
        </form>
      )}
      {workspaces.isPending ? (
        <Loading what={t('workspacesWhat')} />
      ) : workspaces.isError ? (
        <ErrorNotice error={workspaces.error} title={t('loadWorkspacesFailed')} />
      ) : (
        managed.map((workspace) => (
          <WorkspaceMembers key={workspace.id} workspace={workspace} instanceAdmin={instanceAdmin} />
        ))
      )}
    </div>
  );
}

function WorkspaceMembers({ workspace, instanceAdmin }: { workspace: Workspace; instanceAdmin: boolean }) {
  const t = useMessages(workspaceMessages);
  const members = useWorkspaceMembers(workspace.id);
  const add = useAddWorkspaceMember(workspace.id);
  const changeRole = useAddWorkspaceMember(workspace.id);
  const remove = useRemoveWorkspaceMember(workspace.id);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<WorkspaceRole>('member');
  const titleId = `workspace-${workspace.id}-title`;

  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate({ email, role }, { onSuccess: () => setEmail('') });
  }

  return (
    <section className="card stack" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {workspace.name} <span className="muted">({workspace.slug})</span>
      </h2>
      {members.isPending ? (
        <Loading what={t('membersWhat')} />
      ) : members.isError ? (
        <ErrorNotice error={members.error} title={t('loadMembersFailed')} />
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('membersOf', { workspace: workspace.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('email')}</th>
              <th scope="col">{t('workspaceRole')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.data.members.map((member) => (
              <tr key={member.userId}>
                <td>{member.email}</td>
                <td>
                  <select
                    aria-label={t('workspaceRoleOf', { email: member.email })}
                    value={member.role}
                    disabled={changeRole.isPending}
                    onChange={(e) => changeRole.mutate({ email: member.email, role: e.target.value as WorkspaceRole })}
                  >
                    {WORKSPACE_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`role_${r}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <ConfirmButton
                    label={t('remove')}
                    ariaLabel={t('removeFrom', { email: member.email, workspace: workspace.name })}
                    question={t('removeQuestion', { email: member.email, workspace: workspace.name })}
                    confirmLabel={t('removeMember')}
                    disabled={remove.isPending}
                    onConfirm={() => remove.mutate(member.userId)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <WorkspaceInvitations workspace={workspace} />
      {instanceAdmin && (
        <form className="row align-end" onSubmit={submit} aria-label={t('addMemberTo', { workspace: workspace.name })}>
          <div className="field grow">
            <label htmlFor={`${titleId}-email`}>{t('memberEmail')}</label>
            <input
              id={`${titleId}-email`}
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${titleId}-role`}>{t('workspaceRole')}</label>
            <select id={`${titleId}-role`} value={role} onChange={(e) => setRole(e.target.value as WorkspaceRole)}>
              {WORKSPACE_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role_${r}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={add.isPending}>
            {t('addMember')}
          </button>
        </form>
      )}
      {[add, changeRole, remove].map(
        (mutation, i) =>
          mutation.isError && (
            <p key={['add', 'role', 'remove'][i]} className="notice error" role="alert">
              {errorMessage(mutation.error)}
            </p>
          ),
      )}
    </section>
  );
}
