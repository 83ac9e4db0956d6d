import { MEMBER_ROLES, type MemberRole } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { useAddMember } from '../api/add-member.ts';
import { useMembers } from '../api/get-members.ts';
import { useRemoveMember } from '../api/remove-member.ts';

export function MembersPanel({ projectId }: { projectId: string }) {
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
      <h2 id="members-title">Members</h2>
      {members.isPending ? (
        <Loading what="members" />
      ) : members.isError ? (
        <ErrorNotice error={members.error} title="Could not load members" />
      ) : (
        <table className="table">
          <caption className="visually-hidden">Project members</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.data.members.map((member) => (
              <tr key={member.userId}>
                <td>{member.email}</td>
                <td>
                  <select
                    aria-label={`Role of ${member.email}`}
                    value={member.role}
                    disabled={changeRole.isPending}
                    onChange={(e) => changeRole.mutate({ email: member.email, role: e.target.value as MemberRole })}
                  >
                    {MEMBER_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <ConfirmButton
                    label="Remove"
                    ariaLabel={`Remove ${member.email}`}
                    question={`Remove ${member.email} from the project? Items they hold go back to the pool; their answers stay.`}
                    confirmLabel="Remove member"
                    disabled={remove.isPending}
                    onConfirm={() => remove.mutate(member.userId)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="row align-end" onSubmit={submit} aria-label="Add member">
        <div className="field grow">
          <label htmlFor="member-email">Member email</label>
          <input id="member-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="member-role">Member role</label>
          <select id="member-role" value={role} onChange={(e) => setRole(e.target.value as MemberRole)}>
            {MEMBER_ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={add.isPending}>
          Add member
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
