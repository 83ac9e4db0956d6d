import { errorMessage } from '../../../lib/api-client.ts';
import { useAnswerInvitation } from '../api/answer-invitation.ts';
import { useMyInvitations } from '../api/get-my-invitations.ts';

/** Invitations to workspaces waiting for the signed-in person's answer; nothing when there are none. */
export function MyInvitations() {
  const invitations = useMyInvitations();
  const answer = useAnswerInvitation();
  const open = invitations.data?.invitations ?? [];
  if (open.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="my-invitations-title">
      <h2 id="my-invitations-title">Invitations</h2>
      <ul className="stack" aria-label="Invitations to workspaces">
        {open.map((invitation) => (
          <li key={invitation.id} className="row align-end" aria-label={`Invitation to ${invitation.workspaceName}`}>
            <p className="grow">
              {invitation.invitedBy ?? 'Someone'} invites you to <strong>{invitation.workspaceName}</strong> as{' '}
              {invitation.role} (until {new Date(invitation.expiresAt).toLocaleDateString()}).
            </p>
            <button
              type="button"
              className="primary"
              disabled={answer.isPending}
              onClick={() => answer.mutate({ invitationId: invitation.id, accept: true })}
            >
              Accept
            </button>
            <button
              type="button"
              disabled={answer.isPending}
              onClick={() => answer.mutate({ invitationId: invitation.id, accept: false })}
            >
              Decline
            </button>
          </li>
        ))}
      </ul>
      {answer.isError && (
        <p className="notice error" role="alert">
          {errorMessage(answer.error)}
        </p>
      )}
    </section>
  );
}
