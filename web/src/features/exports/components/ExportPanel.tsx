import { type ExportFormat, type ExportOptions, exportOptionsSchema, type TaskKind } from '@feedbench/shared';
import { useState } from 'react';
import { MorePagesButton } from '../../../components/MorePagesButton.tsx';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { formIssueText } from '../../../lib/form-issues.ts';
import { useCreateExportJob, useExportJobs } from '../api/export-jobs.ts';
import { type ExportChoices, exportUrl } from '../api/export-url.ts';
import { exportMessages } from '../exports.messages.ts';
import { ExportJobsList } from './ExportJobsList.tsx';
import { ExportOptionsForm } from './ExportOptionsForm.tsx';
import { ExportSummary } from './ExportSummary.tsx';
import { SnapshotsPanel } from './SnapshotsPanel.tsx';

/**
 * What a new export of each kind of project starts as: preference pairs for rankings and live chats (one ranking per
 * turn), chat SFT for demonstrations.
 */
const DEFAULT_FORMAT: Record<TaskKind, ExportFormat> = {
  ranking: 'trl-preference',
  demonstration: 'openai-chat',
  chat: 'trl-preference',
};

/**
 * The researcher's export: every option, a direct download (streamed by the browser), a background job for big
 * projects with live progress, and snapshots of the same options.
 */
export function ExportPanel({ projectId, kind }: { projectId: string; kind: TaskKind }) {
  const [choices, setChoices] = useState<ExportChoices>({ format: DEFAULT_FORMAT[kind], fileFormat: 'jsonl' });
  const t = useMessages(exportMessages);
  const jobs = useExportJobs(projectId);
  const createJob = useCreateExportJob(projectId);
  const { fileFormat, ...rest } = choices;
  // The shared contract fills the defaults and says what is wrong before the server is asked.
  const parsed = exportOptionsSchema.safeParse(rest);
  const problem = parsed.success ? undefined : parsed.error.issues[0];
  const options: ExportOptions | undefined = parsed.success ? parsed.data : undefined;

  return (
    <>
      <section className="card stack" aria-labelledby="export-title">
        <h2 id="export-title">{t('export')}</h2>
        <ExportOptionsForm choices={choices} onChange={setChoices} kind={kind} />
        {problem && (
          <p className="notice error" role="alert">
            {formIssueText(problem)}
          </p>
        )}
        <ExportSummary projectId={projectId} choices={options ? choices : undefined} />
        <div className="row">
          {options ? (
            <a className="button primary" href={exportUrl(projectId, choices)} download>
              {t('download', { format: choices.format, file: fileFormat })}
            </a>
          ) : (
            <button type="button" disabled>
              {t('download', { format: choices.format, file: fileFormat })}
            </button>
          )}
          <button
            type="button"
            disabled={!options || createJob.isPending}
            onClick={() => options && createJob.mutate({ ...options, fileFormat })}
          >
            {t('exportInBackground')}
          </button>
        </div>
        {createJob.isError && <ErrorNotice error={createJob.error} title={t('exportNotStarted')} />}
        <h3>{t('backgroundExports')}</h3>
        {jobs.isError && <ErrorNotice error={jobs.error} title={t('backgroundNotLoaded')} />}
        <ExportJobsList projectId={projectId} jobs={jobs.data?.pages.flatMap((page) => page.jobs) ?? []} />
        <MorePagesButton query={jobs} label={t('olderExports')} loadingLabel={t('loadingMore')} />
      </section>
      {options && <SnapshotsPanel projectId={projectId} options={options} />}
    </>
  );
}
