import { IMPORT_FORMATS, type ImportFormat } from '@feedbench/shared';
import { type ChangeEvent, useState } from 'react';
import { MorePagesButton } from '../../../components/MorePagesButton.tsx';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { useImportJobs, useStartImportJob } from '../api/import-jobs.ts';
import { itemsMessages } from '../items.messages.ts';
import { ImportJobsList } from './ImportJobsList.tsx';

const EXAMPLE =
  '{"id": "q1", "prompt": "Explain RLHF", "outputs": [{"id": "a", "content": "…"}, {"id": "b", "content": "…"}]}';

/**
 * Uploads a JSONL file (or gzip of one) as it is: the browser streams it from disk and the server checks it line by
 * line as it arrives. Progress and the outcome (counts, or every bad line) show in the list of imports, which lives on
 * the server: it survives a reload.
 */
export function ImportPanel({ projectId, onImported }: { projectId: string; onImported?: () => void }) {
  const t = useMessages(itemsMessages);
  const jobs = useImportJobs(projectId, { onImported });
  const upload = useStartImportJob(projectId);
  const [format, setFormat] = useState<ImportFormat>('feedbench');

  function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    upload.mutate({ file, format });
    // The same file can be chosen again after fixing it.
    input.value = '';
  }

  return (
    <section className="card stack" aria-labelledby="import-title">
      <h2 id="import-title">Import items</h2>
      <p className="hint">
        One JSON object per line (gzip files are unpacked). A file with a bad line is refused whole; lines whose{' '}
        <code>id</code> the project already has are left untouched.
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
        <input
          id="import-file"
          type="file"
          accept=".jsonl,.ndjson,.gz,application/x-ndjson,application/gzip"
          onChange={chooseFile}
        />
      </div>
      <div aria-live="polite" className="stack">
        {upload.isPending && <p className="muted">Uploading…</p>}
        {upload.isError && <ErrorNotice error={upload.error} title="Import not started" />}
        <h3>Imports</h3>
        {jobs.isError && <ErrorNotice error={jobs.error} title="Imports could not be loaded" />}
        <ImportJobsList jobs={jobs.data?.pages.flatMap((page) => page.jobs) ?? []} />
        <MorePagesButton query={jobs} label={t('olderImports')} loadingLabel={t('loadingMore')} />
      </div>
    </section>
  );
}
