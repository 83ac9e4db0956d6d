import { AUDIT_ACTIONS, type AuditAction } from '@feedbench/shared';
import { useState } from 'react';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useAuditEvents } from '../api/get-audit-events.ts';

/** Security-relevant actions, newest first, for admins. */
export function AuditLog() {
  const [action, setAction] = useState<AuditAction | ''>('');
  const events = useAuditEvents(action || undefined);
  const rows = events.data?.pages.flatMap((page) => page.events) ?? [];

  return (
    <section className="card stack" aria-labelledby="audit-title">
      <div className="row wrap align-end">
        <h2 id="audit-title" className="grow">
          Audit log
        </h2>
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <select id="audit-action" value={action} onChange={(e) => setAction(e.target.value as AuditAction | '')}>
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
      </div>
      {events.isPending ? (
        <Loading what="the audit log" />
      ) : events.isError ? (
        <ErrorNotice error={events.error} title="Could not load the audit log" />
      ) : rows.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Audit events</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Project or workspace</th>
              <th scope="col">Address</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((event) => (
              <tr key={event.id}>
                <td>{new Date(event.at).toLocaleString()}</td>
                <td>{event.actorEmail ?? '—'}</td>
                <td>
                  <code>{event.action}</code>
                </td>
                <td>{event.target ?? ''}</td>
                <td>{event.projectName ?? event.workspaceName ?? (event.projectId ? 'a deleted project' : '')}</td>
                <td>{event.ip ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {events.hasNextPage && (
        <div>
          <button type="button" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
            Older events
          </button>
        </div>
      )}
    </section>
  );
}
