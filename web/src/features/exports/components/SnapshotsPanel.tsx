import type { ExportOptions } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { snapshotFileUrl, useCreateSnapshot, useSnapshots } from '../api/snapshots.ts';

/** Named, immutable dataset versions of the export as currently configured, with their files and card. */
export function SnapshotsPanel({ projectId, options }: { projectId: string; options: ExportOptions }) {
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
      <h2 id="snapshots-title">Snapshots</h2>
      <p className="hint">A snapshot saves this export, with the options above, as a version that never changes.</p>
      <form className="row align-end" onSubmit={save}>
        <div className="field">
          <label htmlFor="snapshot-name">Snapshot name</label>
          <input id="snapshot-name" required value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="snapshot-license">Licence</label>
          <input id="snapshot-license" required value={license} onChange={(e) => setLicense(e.target.value)} />
        </div>
        <div className="field grow">
          <label htmlFor="snapshot-description">Description</label>
          <input id="snapshot-description" value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
        <button type="submit" className="primary" disabled={create.isPending}>
          Save snapshot
        </button>
      </form>
      {create.isError && <ErrorNotice error={create.error} title="Snapshot not saved" />}
      {snapshots.isError && <ErrorNotice error={snapshots.error} title="Snapshots could not be loaded" />}
      <ul className="export-list" aria-label="Saved snapshots">
        {(snapshots.data ?? []).map((snapshot) => (
          <li key={snapshot.id}>
            <strong>
              {snapshot.name} ({snapshot.license})
            </strong>
            <span className="hint">
              {String(snapshot.options.format)}, {snapshot.statistics.lines.toLocaleString('en')} lines,{' '}
              {new Date(snapshot.createdAt).toLocaleString()}, sha256 {snapshot.contentHash.slice(0, 12)}
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
