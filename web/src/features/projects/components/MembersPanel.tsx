import { MEMBER_ROLES, type MemberRole } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { componentMessages } from '../../../components/components.messages.ts';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { useAddMember } from '../api/add-member.ts';
import { useMembers } from '../api/get-members.ts';
import { useRemoveMember } from '../api/remove-member.ts';
import { projectMessages } from '../projects.messages.ts';

export function MembersPanel({ projectId }: { projectId: string }) {
  const t = useMessages(projectMessages);
  const c = useMessages(componentMessages);
  const members = useMembers(projectId);
  const add = useAddMember(projectId);
  const changeRole = useAddMember(projectId);
  const remove = useRemoveMember(projectId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>('annotator');

  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate({ email, role }, { onSuccess: () => setEmail('') });
  }

  return (
    <section className="card stack" aria-labelledby="members-title">
      <h2 id="members-title">{t('members')}</h2>
      {members.isPending ? (
        <Loading what={t('membersWhat')} />
      ) : members.isError ? (
        <ErrorNotice error={members.error} title={t('loadMembersFailed')} />
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('projectMembers')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('email')}</th>
              <th scope="col">{t('role')}</th>
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
                    aria-label={t('roleOf', { email: member.email })}
                    value={member.role}
                    disabled={changeRole.isPending}
                    onChange={(e) => changeRole.mutate({ email: member.email, role: e.target.value as MemberRole })}
                  >
                    {MEMBER_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {c(`role_${r}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <ConfirmButton
                    label={t('remove')}
                    ariaLabel={t('removeWho', { email: member.email })}
                    question={t('removeMemberQuestion', { email: member.email })}
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
      <form className="row align-end" onSubmit={submit} aria-label={t('addMemberForm')}>
        <div className="field grow">
          <label htmlFor="member-email">{t('memberEmail')}</label>
          <input id="member-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="member-role">{t('memberRole')}</label>
          <select id="member-role" value={role} onChange={(e) => setRole(e.target.value as MemberRole)}>
            {MEMBER_ROLES.map((r) => (
              <option key={r} value={r}>
                {c(`role_${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={add.isPending}>
          {t('addMember')}
        </button>
      </form>
      {[changeRole, remove].map(
        (mutation, i) =>
          mutation.isError && (
            <p key={i === 0 ? 'role' : 'remove'} className="notice error" role="alert">
              {errorMessage(mutation.error)}
            </p>
          ),
      )}
      {add.isError && (
        <p className="notice error" role="alert">
          {errorMessage(add.error)}
        </p>
      )}
    </section>
  );
}
