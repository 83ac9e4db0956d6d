import { AUDIT_ACTIONS, type AuditAction } from '@feedbench/shared';
import { useState } from 'react';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { useAuditEvents } from '../api/get-audit-events.ts';
import { auditActionKey, auditActionMessages } from '../audit-actions.messages.ts';
import { authMessages } from '../auth.messages.ts';

/** What an event acted on, by name where its details keep one (a judge, a connection): its id otherwise. */
function targetName(event: { target: string | null; details: Record<string, unknown> | null }): string {
  const named = event.details?.name ?? event.details?.model;
  return typeof named === 'string' ? named : (event.target ?? '');
}

/** Security-relevant actions, newest first, for admins. */
export function AuditLog() {
  const t = useMessages(authMessages);
  const actions = useMessages(auditActionMessages);
  const format = useFormat();
  const [action, setAction] = useState<AuditAction | ''>('');
  const events = useAuditEvents(action || undefined);
  const rows = events.data?.pages.flatMap((page) => page.events) ?? [];

  return (
    <section className="card stack" aria-labelledby="audit-title">
      <div className="row wrap align-end">
        <h2 id="audit-title" className="grow">
          {t('auditLog')}
        </h2>
        <div className="field">
          <label htmlFor="audit-action">{t('action')}</label>
          <select id="audit-action" value={action} onChange={(e) => setAction(e.target.value as AuditAction | '')}>
            <option value="">{t('allActions')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actions(auditActionKey(a))}
              </option>
            ))}
          </select>
        </div>
      </div>
      {events.isPending ? (
        <Loading what={t('theAuditLog')} />
      ) : events.isError ? (
        <ErrorNotice error={events.error} title={t('loadAuditFailed')} />
      ) : rows.length === 0 ? (
        <p className="muted">{t('nothingRecorded')}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('auditEvents')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('when')}</th>
              <th scope="col">{t('who')}</th>
              <th scope="col">{t('action')}</th>
              <th scope="col">{t('target')}</th>
              <th scope="col">{t('projectOrWorkspace')}</th>
              <th scope="col">{t('address')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((event) => (
              <tr key={event.id}>
                <td>{format.dateTime(event.at)}</td>
                <td>{event.actorEmail ?? '—'}</td>
                <td>
                  {/* An action of an older version has no name here: its code is shown as it was recorded. */}
                  {(AUDIT_ACTIONS as readonly string[]).includes(event.action) ? (
                    actions(auditActionKey(event.action))
                  ) : (
                    <code>{event.action}</code>
                  )}
                </td>
                <td>
                  <span dir="auto">{targetName(event)}</span>
                  {/* A role given or changed (workspace and project members), as recorded. */}
                  {typeof event.details?.role === 'string' && (
                    <>
                      {' '}
                      <code>
                        {typeof event.details.previousRole === 'string' ? `${event.details.previousRole} → ` : ''}
                        {event.details.role}
                      </code>
                    </>
                  )}
                </td>
                <td>{event.projectName ?? event.workspaceName ?? (event.projectId ? t('deletedProject') : '')}</td>
                <td>{event.ip ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {events.hasNextPage && (
        <div>
          <button type="button" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
            {t('olderEvents')}
          </button>
        </div>
      )}
    </section>
  );
}
