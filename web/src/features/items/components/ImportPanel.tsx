import { IMPORT_FORMATS, type ImportFormat } from '@feedbench/shared';
import { type ChangeEvent, useState } from 'react';
import { MorePagesButton } from '../../../components/MorePagesButton.tsx';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { useImportJobs, usePreviewImport, useStartImportJob } from '../api/import-jobs.ts';
import { itemMessages } from '../items.messages.ts';
import { ImportJobsList } from './ImportJobsList.tsx';
import { ImportPreview } from './ImportPreview.tsx';

const EXAMPLE =
  '{"id": "q1", "prompt": "Explain RLHF", "outputs": [{"id": "a", "content": "…"}, {"id": "b", "content": "…"}]}';

/**
 * Picks a JSONL file (or gzip of one), previews its first lines as the import would read them, and starts the import
 * once the researcher confirms: the browser then streams the whole file and the server checks it line by line as it
 * arrives. Progress and the outcome (counts, or every bad line) show in the list of imports, which lives on the
 * server: it survives a reload.
 */
export function ImportPanel({ projectId, onImported }: { projectId: string; onImported?: () => void }) {
  const t = useMessages(itemMessages);
  const jobs = useImportJobs(projectId, { onImported });
  const upload = useStartImportJob(projectId);
  const preview = usePreviewImport(projectId);
  const [format, setFormat] = useState<ImportFormat>('feedbench');
  const [file, setFile] = useState<File | null>(null);

  function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const chosen = input.files?.[0];
    // The same file can be chosen again after fixing it.
    input.value = '';
    if (!chosen) return;
    setFile(chosen);
    upload.reset();
    preview.mutate({ file: chosen, format });
  }

  function changeFormat(next: ImportFormat) {
    setFormat(next);
    if (file) preview.mutate({ file, format: next });
  }

  function start() {
    if (!file) return;
    upload.mutate({ file, format }, { onSuccess: () => setFile(null) });
  }

  function cancel() {
    setFile(null);
    preview.reset();
  }

  return (
    <section className="card stack" aria-labelledby="import-title">
      <h2 id="import-title">{t('importItems')}</h2>
      <p className="hint">
        {t('importHint')}
        <br />
        <code className="example">{EXAMPLE}</code>
      </p>
      <div className="field">
        <label htmlFor="import-format">{t('fileFormat')}</label>
        <select id="import-format" value={format} onChange={(e) => changeFormat(e.target.value as ImportFormat)}>
          {IMPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {f === 'feedbench' ? t('format_feedbench') : t('formatConverted', { format: f })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="import-file">{t('jsonlFile')}</label>
        <input
          id="import-file"
          type="file"
          accept=".jsonl,.ndjson,.gz,application/x-ndjson,application/gzip"
          onChange={chooseFile}
        />
      </div>
      <div aria-live="polite" className="stack">
        {file && preview.isPending && <p className="muted">{t('readingPreview')}</p>}
        {file && preview.isError && <ErrorNotice error={preview.error} title={t('previewFailed')} />}
        {file && preview.isSuccess && (
          <ImportPreview
            fileName={file.name}
            fileSize={file.size}
            preview={preview.data}
            starting={upload.isPending}
            onStart={start}
            onCancel={cancel}
          />
        )}
        {upload.isPending && <p className="muted">{t('uploading')}</p>}
        {upload.isError && <ErrorNotice error={upload.error} title={t('importNotStarted')} />}
        <h3>{t('imports')}</h3>
        {jobs.isError && <ErrorNotice error={jobs.error} title={t('importsNotLoaded')} />}
        <ImportJobsList jobs={jobs.data?.pages.flatMap((page) => page.jobs) ?? []} />
        <MorePagesButton query={jobs} label={t('olderImports')} loadingLabel={t('loadingMore')} />
      </div>
    </section>
  );
}
