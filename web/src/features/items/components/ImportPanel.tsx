import { IMPORT_FORMATS, type ImportFormat } from '@feedbench/shared';
import { type ChangeEvent, useState } from 'react';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { importProblemsOf, useImportItems } from '../api/import-items.ts';
import { ImportProblemsTable } from './ImportProblemsTable.tsx';

const EXAMPLE =
  '{"id": "q1", "prompt": "Explain RLHF", "outputs": [{"id": "a", "content": "…"}, {"id": "b", "content": "…"}]}';

/** Uploads a JSONL file as it is; the server answers with counts, or with every bad line at once. */
export function ImportPanel({ projectId, onImported }: { projectId: string; onImported?: () => void }) {
  const upload = useImportItems(projectId, { onImported });
  const [format, setFormat] = useState<ImportFormat>('feedbench');

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    upload.mutate({ jsonl: await file.text(), format });
    // The same file can be chosen again after fixing it.
    input.value = '';
  }

  const problems = upload.isError ? importProblemsOf(upload.error) : undefined;
  return (
    <section className="card stack" aria-labelledby="import-title">
      <h2 id="import-title">Import items</h2>
      <p className="hint">
        One JSON object per line. Lines whose <code>id</code> the project already has are left untouched.
        <br />
        <code className="example">{EXAMPLE}</code>
      </p>
      <div className="field">
        <label htmlFor="import-format">File format</label>
        <select id="import-format" value={format} onChange={(e) => setFormat(e.target.value as ImportFormat)}>
          {IMPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {f === 'feedbench' ? 'Feedbench items' : `${f} (original judgement kept as a reference label)`}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="import-file">JSONL file</label>
        <input id="import-file" type="file" accept=".jsonl,.ndjson,application/x-ndjson" onChange={chooseFile} />
      </div>
      <div aria-live="polite">
        {upload.isPending && <p className="muted">Importing…</p>}
        {upload.isSuccess && (
          <p className="notice success" role="status">
            Imported {upload.data.lines} lines: {upload.data.created} created, {upload.data.existing} existing.
          </p>
        )}
        {problems && <ImportProblemsTable problems={problems} />}
        {upload.isError && !problems && <ErrorNotice error={upload.error} title="Import failed" />}
      </div>
    </section>
  );
}
