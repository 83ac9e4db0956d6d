import type { ExportOptions } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { snapshotFileUrl, useCreateSnapshot, useSnapshots } from '../api/snapshots.ts';
import { exportMessages } from '../exports.messages.ts';

/** Named, immutable dataset versions of the export as currently configured, with their files and card. */
export function SnapshotsPanel({ projectId, options }: { projectId: string; options: ExportOptions }) {
  const t = useMessages(exportMessages);
  const format = useFormat();
  const snapshots = useSnapshots(projectId);
  const create = useCreateSnapshot(projectId);
  const [name, setName] = useState('');
  const [license, setLicense] = useState('cc-by-4.0');
  const [description, setDescription] = useState('');

  function save(event: FormEvent) {
    event.preventDefault();
    create.mutate({ ...options, name, license, description }, { onSuccess: () => setName('') });
  }

  return (
    <section className="card stack" aria-labelledby="snapshots-title">
      <h2 id="snapshots-title">{t('snapshots')}</h2>
      <p className="hint">{t('snapshotHint')}</p>
      <form className="row align-end" onSubmit={save}>
        <div className="field">
          <label htmlFor="snapshot-name">{t('snapshotName')}</label>
          <input id="snapshot-name" dir="auto" required value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="snapshot-license">{t('licence')}</label>
          <input id="snapshot-license" required value={license} onChange={(e) => setLicense(e.target.value)} />
        </div>
        <div className="field grow">
          <label htmlFor="snapshot-description">{t('description')}</label>
          <input
            id="snapshot-description"
            dir="auto"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('saveSnapshot')}
        </button>
      </form>
      {create.isError && <ErrorNotice error={create.error} title={t('snapshotNotSaved')} />}
      {snapshots.isError && <ErrorNotice error={snapshots.error} title={t('snapshotsNotLoaded')} />}
      <ul className="export-list" aria-label={t('savedSnapshots')}>
        {(snapshots.data ?? []).map((snapshot) => (
          <li key={snapshot.id}>
            <strong>
              {snapshot.name} ({snapshot.license})
            </strong>
            <span className="hint">
              {t('snapshotLine', {
                format: String(snapshot.options.format),
                lines: format.integer(snapshot.statistics.lines),
                date: format.dateTime(snapshot.createdAt),
                hash: snapshot.contentHash.slice(0, 12),
              })}
            </span>
            <span className="row">
              {[...snapshot.files.map((f) => f.name), 'README.md'].map((file) => (
                <a key={file} className="button" href={snapshotFileUrl(projectId, snapshot.id, file)} download>
                  {snapshot.name}/{file}
                </a>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
