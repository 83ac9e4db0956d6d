import type { ModelConnection, TestModelConnectionResponse, Workspace } from '@feedbench/shared';
import { useId, useState } from 'react';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import {
  useCreateModelConnection,
  useDeleteModelConnection,
  useModelConnections,
  useTestModelConnection,
  useUpdateModelConnection,
} from '../api/model-connections.ts';
import { modelsMessages } from '../models.messages.ts';
import { type ConnectionDraft, ConnectionForm } from './ConnectionForm.tsx';

/**
 * The connections of one workspace the caller manages (and the instance-wide ones, which instance admins edit):
 * add, edit, test, delete. `workspaces` are those the caller manages.
 */
export function ModelConnectionsPanel({
  workspaces,
  instanceAdmin,
}: {
  workspaces: Workspace[];
  instanceAdmin: boolean;
}) {
  const t = useMessages(modelsMessages);
  const id = useId();
  const [workspaceId, setWorkspaceId] = useState(workspaces[0]?.id ?? '');
  const [editing, setEditing] = useState<string | null>(null);
  // A new, empty form after each connection added.
  const [formKey, setFormKey] = useState(0);
  const [tested, setTested] = useState<{ connection: ModelConnection; result: TestModelConnectionResponse } | null>(
    null,
  );
  const connections = useModelConnections(workspaceId);
  const create = useCreateModelConnection(workspaceId);
  const update = useUpdateModelConnection(workspaceId);
  const remove = useDeleteModelConnection(workspaceId);
  const test = useTestModelConnection();

  if (workspaces.length === 0) return <p className="muted">{t('noManagedWorkspace')}</p>;
  const mayEdit = (c: ModelConnection) => c.workspaceId !== null || instanceAdmin;

  const createFrom = (draft: ConnectionDraft) =>
    create.mutate(
      {
        ...(draft.instanceWide ? {} : { workspaceId }),
        name: draft.name,
        baseUrl: draft.baseUrl,
        model: draft.model,
        ...(draft.apiKey !== '' && { apiKey: draft.apiKey }),
        defaultParams: draft.defaultParams,
      },
      { onSuccess: () => setFormKey((k) => k + 1) },
    );
  const updateFrom = (connection: ModelConnection, draft: ConnectionDraft) =>
    update.mutate(
      {
        id: connection.id,
        body: {
          name: draft.name,
          baseUrl: draft.baseUrl,
          model: draft.model,
          defaultParams: draft.defaultParams,
          ...(draft.removeKey ? { apiKey: null } : draft.apiKey !== '' ? { apiKey: draft.apiKey } : {}),
        },
      },
      { onSuccess: () => setEditing(null) },
    );

  const list = connections.data ?? [];
  const editedConnection = list.find((c) => c.id === editing);
  return (
    <div className="stack">
      {workspaces.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-workspace`}>{t('workspaceLabel')}</label>
          <select id={`${id}-workspace`} value={workspaceId} onChange={(e) => setWorkspaceId(e.target.value)}>
            {workspaces.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <section className="card stack" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>{t('pageTitle')}</h2>
        {connections.isPending ? (
          <p className="muted" role="status">
            {t('loading')}
          </p>
        ) : connections.isError ? (
          <p className="notice error" role="alert">
            {errorMessage(connections.error)}
          </p>
        ) : list.length === 0 ? (
          <p className="muted">{t('noConnections')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('columnName')}</th>
                <th scope="col">{t('columnModel')}</th>
                <th scope="col">{t('columnUrl')}</th>
                <th scope="col">{t('columnKey')}</th>
                <th scope="col">{t('columnActions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <span dir="auto">{c.name}</span>{' '}
                    {c.workspaceId === null && <span className="badge">{t('instanceWide')}</span>}
                  </th>
                  <td dir="auto">{c.model}</td>
                  <td>
                    <code>{c.baseUrl}</code>
                  </td>
                  <td>{c.hasApiKey ? t('keyStored') : t('noKey')}</td>
                  <td className="row">
                    <button
                      type="button"
                      aria-label={`${t('test')}: ${c.name}`}
                      disabled={test.isPending}
                      onClick={() =>
                        test.mutate(
                          { id: c.id, body: {} },
                          { onSuccess: (result) => setTested({ connection: c, result }) },
                        )
                      }
                    >
                      {test.isPending && test.variables?.id === c.id ? t('testing') : t('test')}
                    </button>
                    {mayEdit(c) && (
                      <>
                        <button type="button" aria-label={`${t('edit')}: ${c.name}`} onClick={() => setEditing(c.id)}>
                          {t('edit')}
                        </button>
                        <button
                          type="button"
                          className="danger"
                          aria-label={`${t('remove')}: ${c.name}`}
                          onClick={() => {
                            if (window.confirm(t('confirmRemove', { name: c.name }))) remove.mutate(c.id);
                          }}
                        >
                          {t('remove')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {tested && <TestResult name={tested.connection.name} result={tested.result} />}
        {(test.isError || remove.isError) && (
          <p className="notice error" role="alert">
            {errorMessage(test.error ?? remove.error)}
          </p>
        )}
      </section>
      {editedConnection ? (
        <ConnectionForm
          key={editedConnection.id}
          connection={editedConnection}
          canMakeInstanceWide={false}
          pending={update.isPending}
          error={update.error}
          onSubmit={(draft) => updateFrom(editedConnection, draft)}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <ConnectionForm
          key={`new-${workspaceId}-${formKey}`}
          canMakeInstanceWide={instanceAdmin}
          pending={create.isPending}
          error={create.error}
          onSubmit={createFrom}
        />
      )}
    </div>
  );
}

/** The model's answer, or the exact error the endpoint (or the URL guard) gave. */
function TestResult({ name, result }: { name: string; result: TestModelConnectionResponse }) {
  const t = useMessages(modelsMessages);
  const format = useFormat();
  return (
    <div className={result.ok ? 'notice' : 'notice error'} role="status" aria-label={`${t('test')}: ${name}`}>
      {result.ok ? (
        <>
          <strong>{t('testOk', { ms: format.integer(result.latencyMs) })}</strong>
          <blockquote dir="auto">{result.text}</blockquote>
        </>
      ) : (
        <>
          <strong>{t('testFailed', { kind: result.kind, status: result.status ? ` ${result.status}` : '' })}</strong>{' '}
          <span dir="auto">{result.message}</span>
        </>
      )}
    </div>
  );
}
