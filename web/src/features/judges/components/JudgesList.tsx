import type { Judge } from '@feedbench/shared';
import { Link } from 'react-router';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { judgeDisagreementsPath } from '../api/disagreements.ts';
import { useDeleteJudge } from '../api/judges.ts';
import { judgesMessages } from '../judges.messages.ts';

/** The project's judges: which connection each uses and how many items it has answered. */
export function JudgesList({
  projectId,
  judges,
  connections,
}: {
  projectId: string;
  judges: readonly Judge[];
  connections: readonly { id: string; name: string; model: string }[];
}) {
  const t = useMessages(judgesMessages);
  const format = useFormat();
  const remove = useDeleteJudge(projectId);
  if (judges.length === 0) return <p className="muted">{t('noJudges')}</p>;
  const connectionName = (id: string) => {
    const connection = connections.find((c) => c.id === id);
    return connection ? `${connection.name} (${connection.model})` : t('connectionGone');
  };
  return (
    <>
      {remove.isError && <ErrorNotice error={remove.error} />}
      <table className="table" aria-label={t('judgesHeading')}>
        <thead>
          <tr>
            <th scope="col">{t('judgeName')}</th>
            <th scope="col">{t('judgeConnection')}</th>
            <th scope="col">{t('judgeAnswered')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('deleteJudge')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {judges.map((judge) => (
            <tr key={judge.id}>
              <td dir="auto">{judge.name}</td>
              <td dir="auto">{connectionName(judge.connectionId)}</td>
              <td>
                {format.integer(judge.answered)}
                {judge.answered > 0 && (
                  <>
                    {' '}
                    <Link
                      to={judgeDisagreementsPath(projectId, judge.id)}
                      aria-label={`${judge.name}: ${t('disagreementsLink')}`}
                    >
                      {t('disagreementsLink')}
                    </Link>
                  </>
                )}
              </td>
              <td>
                <ConfirmButton
                  label={t('deleteJudge')}
                  question={t('deleteJudgeConfirm', { name: judge.name })}
                  confirmLabel={t('deleteJudge')}
                  onConfirm={() => remove.mutate(judge.id)}
                  disabled={remove.isPending}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
