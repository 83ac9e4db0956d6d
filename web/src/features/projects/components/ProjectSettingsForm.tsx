import type { Project } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { useUpdateProject } from '../api/update-project.ts';
import { projectMessages } from '../projects.messages.ts';
import { type AssignmentSettings, AssignmentSettingsFields } from './AssignmentSettingsFields.tsx';

/** The project's assignment settings; the draft is local until saved, so polling never overwrites it. */
export function ProjectSettingsForm({ project }: { project: Project }) {
  const t = useMessages(projectMessages);
  const saved: AssignmentSettings = {
    overlapTarget: project.settings.overlapTarget,
    leaseMinutes: project.settings.leaseMinutes,
    ordering: project.settings.ordering,
  };
  const [draft, setDraft] = useState(saved);
  const update = useUpdateProject(project.id);
  const dirty =
    draft.overlapTarget !== saved.overlapTarget ||
    draft.leaseMinutes !== saved.leaseMinutes ||
    draft.ordering !== saved.ordering;

  function save(event: FormEvent) {
    event.preventDefault();
    update.mutate(draft);
  }

  return (
    <form className="card stack" onSubmit={save} aria-labelledby="settings-title">
      <h2 id="settings-title">{t('settings')}</h2>
      <AssignmentSettingsFields idPrefix="settings" value={draft} onChange={setDraft} />
      <p className="hint">
        {t('settingsHintGold')} <Link to={`/projects/${project.id}/gold`}>{t('goldPage')}</Link>
        {t('settingsHintTemplate')} <Link to={`/projects/${project.id}/template`}>{t('template')}</Link>.
      </p>
      {update.isError && (
        <p className="notice error" role="alert">
          {errorMessage(update.error)}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={!dirty || update.isPending}>
          {update.isPending ? t('saving') : t('saveSettings')}
        </button>
        <span role="status" className="muted">
          {update.isSuccess && !dirty ? t('settingsSaved') : dirty ? t('unsavedChanges') : ''}
        </span>
      </div>
    </form>
  );
}
