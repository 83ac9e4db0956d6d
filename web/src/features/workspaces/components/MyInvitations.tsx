import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { useAnswerInvitation } from '../api/answer-invitation.ts';
import { useMyInvitations } from '../api/get-my-invitations.ts';
import { workspaceMessages } from '../workspaces.messages.ts';

/** Invitations to workspaces waiting for the signed-in person's answer; nothing when there are none. */
export function MyInvitations() {
  const t = useMessages(workspaceMessages);
  const format = useFormat();
  const invitations = useMyInvitations();
  const answer = useAnswerInvitation();
  const open = invitations.data?.invitations ?? [];
  if (open.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="my-invitations-title">
      <h2 id="my-invitations-title">{t('invitations')}</h2>
      <ul className="stack" aria-label={t('invitationsToWorkspaces')}>
        {open.map((invitation) => (
          <li
            key={invitation.id}
            className="row align-end"
            aria-label={t('invitationTo', { workspace: invitation.workspaceName })}
          >
            <p className="grow">
              {t('invitesYou', {
                who: invitation.invitedBy ?? t('someone'),
                workspace: invitation.workspaceName,
                role: t(`role_${invitation.role}`),
                date: format.date(invitation.expiresAt),
              })}
            </p>
            <button
              type="button"
              className="primary"
              disabled={answer.isPending}
              onClick={() => answer.mutate({ invitationId: invitation.id, accept: true })}
            >
              {t('accept')}
            </button>
            <button
              type="button"
              disabled={answer.isPending}
              onClick={() => answer.mutate({ invitationId: invitation.id, accept: false })}
            >
              {t('decline')}
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
