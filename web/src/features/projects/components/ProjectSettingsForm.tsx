import type { ChatSettingsInput, Project } from '@feedbench/shared';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { useUpdateProject } from '../api/update-project.ts';
import { projectMessages } from '../projects.messages.ts';
import { type AssignmentSettings, AssignmentSettingsFields } from './AssignmentSettingsFields.tsx';

/** The chat block's fields (features/chat), given by the route: a feature never imports another. */
export type ChatFieldsSlot = (value: ChatSettingsInput, onChange: (next: ChatSettingsInput) => void) => ReactNode;

/**
 * The project's settings: assignment (overlap, lease, order) and, for a live chat project, its candidate slots,
 * system prompt, turn limit and budgets (new conversations use them; started ones keep what they began with). The
 * draft is local until saved, so polling never overwrites it.
 */
export function ProjectSettingsForm({ project, chatFields }: { project: Project; chatFields?: ChatFieldsSlot }) {
  const t = useMessages(projectMessages);
  const saved: AssignmentSettings = {
    overlapTarget: project.settings.overlapTarget,
    leaseMinutes: project.settings.leaseMinutes,
    ordering: project.settings.ordering,
  };
  const savedChat = project.kind === 'chat' ? project.settings.chat : undefined;
  const [draft, setDraft] = useState(saved);
  const [chatDraft, setChatDraft] = useState<ChatSettingsInput | undefined>(savedChat);
  const update = useUpdateProject(project.id);
  const chatDirty = chatDraft !== undefined && JSON.stringify(chatDraft) !== JSON.stringify(savedChat);
  const dirty =
    draft.overlapTarget !== saved.overlapTarget ||
    draft.leaseMinutes !== saved.leaseMinutes ||
    draft.ordering !== saved.ordering ||
    chatDirty;

  function save(event: FormEvent) {
    event.preventDefault();
    update.mutate({ ...draft, ...(chatDirty && chatDraft ? { chat: chatDraft } : {}) });
  }

  return (
    <form className="card stack" onSubmit={save} aria-labelledby="settings-title">
      <h2 id="settings-title">{t('settings')}</h2>
      <AssignmentSettingsFields idPrefix="settings" value={draft} onChange={setDraft} />
      {chatDraft && chatFields?.(chatDraft, setChatDraft)}
      {chatDraft && <p className="hint">{t('settingsHintChat')}</p>}
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
