import { WORKSPACE_ROLES, type Workspace, type WorkspaceRole } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { useWorkspaceInvitations } from '../api/get-workspace-invitations.ts';
import { useInviteWorkspaceMember } from '../api/invite-workspace-member.ts';
import { useRevokeWorkspaceInvitation } from '../api/revoke-workspace-invitation.ts';
import { workspaceMessages } from '../workspaces.messages.ts';

/**
 * For a workspace's managers: invite people by email and revoke open invitations. The answer never says whether an
 * email has an account; the person joins once they accept, signed in with that email.
 */
export function WorkspaceInvitations({ workspace }: { workspace: Workspace }) {
  const t = useMessages(workspaceMessages);
  const format = useFormat();
  const invitations = useWorkspaceInvitations(workspace.id);
  const invite = useInviteWorkspaceMember(workspace.id);
  const revoke = useRevokeWorkspaceInvitation(workspace.id);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<WorkspaceRole>('member');
  const [sentTo, setSentTo] = useState('');
  const idBase = `workspace-${workspace.id}-invite`;
  // Only owners (and instance admins) invite owners.
  const roles = WORKSPACE_ROLES.filter((r) => r !== 'owner' || workspace.myRole !== 'admin');

  function submit(event: FormEvent) {
    event.preventDefault();
    invite.mutate(
      { email, role },
      {
        onSuccess: (data) => {
          setSentTo(data.invitation.email);
          setEmail('');
        },
      },
    );
  }

  return (
    <div className="stack">
      <form className="row align-end" onSubmit={submit} aria-label={t('inviteSomeone', { workspace: workspace.name })}>
        <div className="field grow">
          <label htmlFor={`${idBase}-email`}>{t('inviteByEmail')}</label>
          <input
            id={`${idBase}-email`}
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${idBase}-role`}>{t('invitedRole')}</label>
          <select id={`${idBase}-role`} value={role} onChange={(e) => setRole(e.target.value as WorkspaceRole)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`role_${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={invite.isPending}>
          {t('invite')}
        </button>
      </form>
      {invite.isError && (
        <p className="notice error" role="alert">
          {errorMessage(invite.error)}
        </p>
      )}
      {invite.isSuccess && sentTo && (
        <p className="notice success" role="status">
          {t('invitationOpen', { email: sentTo })}
        </p>
      )}
      {invitations.isPending ? (
        <Loading what={t('invitationsWhat')} />
      ) : invitations.isError ? (
        <ErrorNotice error={invitations.error} title={t('loadInvitationsFailed')} />
      ) : invitations.data.invitations.length > 0 ? (
        <table className="table">
          <caption>{t('openInvitations', { workspace: workspace.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('email')}</th>
              <th scope="col">{t('role')}</th>
              <th scope="col">{t('expires')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invitations.data.invitations.map((invitation) => (
              <tr key={invitation.id}>
                <td>{invitation.email}</td>
                <td>{t(`role_${invitation.role}`)}</td>
                <td>{format.date(invitation.expiresAt)}</td>
                <td>
                  <button
                    type="button"
                    disabled={revoke.isPending}
                    aria-label={t('revokeInvitation', { email: invitation.email })}
                    onClick={() => revoke.mutate(invitation.id)}
                  >
                    {t('revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
