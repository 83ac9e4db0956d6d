import type { Project } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';
import { MarkdownView } from '../../../components/MarkdownView.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { useUpdateProject } from '../api/update-project.ts';
import { projectMessages } from '../projects.messages.ts';

/** Side-by-side Markdown source and preview; the draft is local until saved, so polling never overwrites it. */
export function GuidelinesEditor({ project }: { project: Project }) {
  const t = useMessages(projectMessages);
  const [draft, setDraft] = useState(project.guidelines);
  const update = useUpdateProject(project.id);
  const dirty = draft !== project.guidelines;

  function save(event: FormEvent) {
    event.preventDefault();
    update.mutate({ guidelines: draft });
  }

  return (
    <form className="card stack" onSubmit={save} aria-labelledby="guidelines-title">
      <div className="section-head">
        <h2 id="guidelines-title">{t('guidelines')}</h2>
        <span className="muted">{t('guidelinesVersion', { version: project.guidelinesVersion })}</span>
      </div>
      <div className="split">
        <div className="field">
          <label htmlFor="guidelines-source">{t('guidelinesMarkdown')}</label>
          <textarea
            id="guidelines-source"
            dir="auto"
            rows={12}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
        </div>
        <section className="field" aria-label={t('guidelinesPreview')}>
          <span className="field-label">{t('preview')}</span>
          <div className="preview-box">
            {draft.trim() ? <MarkdownView text={draft} /> : <p className="muted">{t('noGuidelinesYet')}</p>}
          </div>
        </section>
      </div>
      {update.isError && (
        <p className="notice error" role="alert">
          {errorMessage(update.error)}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={!dirty || update.isPending}>
          {update.isPending ? t('saving') : t('saveGuidelines')}
        </button>
        <span role="status" className="muted">
          {update.isSuccess && !dirty ? t('saved') : dirty ? t('unsavedChanges') : ''}
        </span>
      </div>
    </form>
  );
}
