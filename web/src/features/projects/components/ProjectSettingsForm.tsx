import type { Project } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../lib/api-client.ts';
import { useUpdateProject } from '../api/update-project.ts';
import { type AssignmentSettings, AssignmentSettingsFields } from './AssignmentSettingsFields.tsx';

/** The project's assignment settings; the draft is local until saved, so polling never overwrites it. */
export function ProjectSettingsForm({ project }: { project: Project }) {
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
      <h2 id="settings-title">Settings</h2>
      <AssignmentSettingsFields idPrefix="settings" value={draft} onChange={setDraft} />
      <p className="hint">
        Gold (control) items are set on the <Link to={`/projects/${project.id}/gold`}>Gold page</Link>; the questions in
        the <Link to={`/projects/${project.id}/template`}>template</Link>.
      </p>
      {update.isError && (
        <p className="notice error" role="alert">
          {errorMessage(update.error)}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={!dirty || update.isPending}>
          {update.isPending ? 'Saving…' : 'Save settings'}
        </button>
        <span role="status" className="muted">
          {update.isSuccess && !dirty ? 'Settings saved.' : dirty ? 'Unsaved changes' : ''}
        </span>
      </div>
    </form>
  );
}
