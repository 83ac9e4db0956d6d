import { WORKSPACE_ROLES, type Workspace, type WorkspaceRole } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { useWorkspaceInvitations } from '../api/get-workspace-invitations.ts';
import { useInviteWorkspaceMember } from '../api/invite-workspace-member.ts';
import { useRevokeWorkspaceInvitation } from '../api/revoke-workspace-invitation.ts';

/**
 * For a workspace's managers: invite people by email and revoke open invitations. The answer never says whether an
 * email has an account; the person joins once they accept, signed in with that email.
 */
export function WorkspaceInvitations({ workspace }: { workspace: Workspace }) {
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
      <form className="row align-end" onSubmit={submit} aria-label={`Invite someone to ${workspace.name}`}>
        <div className="field grow">
          <label htmlFor={`${idBase}-email`}>Invite by email</label>
          <input
            id={`${idBase}-email`}
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${idBase}-role`}>Invited role</label>
          <select id={`${idBase}-role`} value={role} onChange={(e) => setRole(e.target.value as WorkspaceRole)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={invite.isPending}>
          Invite
        </button>
      </form>
      {invite.isError && (
        <p className="notice error" role="alert">
          {errorMessage(invite.error)}
        </p>
      )}
      {invite.isSuccess && sentTo && (
        <p className="notice success" role="status">
          Invitation for {sentTo} is open: they join when they accept it, signed in with that email.
        </p>
      )}
      {invitations.isPending ? (
        <Loading what="invitations" />
      ) : invitations.isError ? (
        <ErrorNotice error={invitations.error} title="Could not load invitations" />
      ) : invitations.data.invitations.length > 0 ? (
        <table className="table">
          <caption>Open invitations to {workspace.name}</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invitations.data.invitations.map((invitation) => (
              <tr key={invitation.id}>
                <td>{invitation.email}</td>
                <td>{invitation.role}</td>
                <td>{new Date(invitation.expiresAt).toLocaleDateString()}</td>
                <td>
                  <button
                    type="button"
                    disabled={revoke.isPending}
                    aria-label={`Revoke the invitation for ${invitation.email}`}
                    onClick={() => revoke.mutate(invitation.id)}
                  >
                    Revoke
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
