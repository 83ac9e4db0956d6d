import {
  type ChatSettingsInput,
  defaultSettings,
  findPreset,
  TASK_KINDS,
  type TaskKind,
  TEMPLATE_PRESETS,
} from '@feedbench/shared';
import { type FormEvent, type ReactNode, useState } from 'react';
import { MarkdownEditor } from '../../../components/MarkdownEditor.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { useCreateProject } from '../api/create-project.ts';
import { projectMessages } from '../projects.messages.ts';
import { AssignmentSettingsFields, DEFAULT_ASSIGNMENT_SETTINGS } from './AssignmentSettingsFields.tsx';
import { usePresetDescription, usePresetName } from './preset-description.ts';

/**
 * `workspaces`: where the researcher may create projects; with more than one, they choose (the first is preselected:
 * the one the project list is showing, if any).
 */
export function NewProjectForm({
  onCreated,
  workspaces = [],
  chatSettings,
}: {
  onCreated: (projectId: string) => void;
  workspaces?: { id: string; name: string }[];
  /**
   * A chat project's setup (candidate slots on model connections, limits), given by the app from the chat feature:
   * the fields for the chosen workspace, and the settings they hold.
   */
  chatSettings?: {
    fields: (workspaceId: string) => ReactNode;
    value: ChatSettingsInput;
  };
}) {
  const t = useMessages(projectMessages);
  const presetDescription = usePresetDescription();
  const presetName = usePresetName();
  const [name, setName] = useState('');
  // The workspace the researcher picked here, else the first offered (the one the list shows): the offer arrives after
  // the first render and follows the list's filter, and typing in the form must never be lost to it.
  const [pickedWorkspaceId, setWorkspaceId] = useState('');
  const workspaceId = workspaces.some((w) => w.id === pickedWorkspaceId)
    ? pickedWorkspaceId
    : (workspaces[0]?.id ?? '');
  const [kind, setKind] = useState<TaskKind>('ranking');
  const [guidelines, setGuidelines] = useState('');
  const [presetId, setPresetId] = useState('');
  const [assignment, setAssignment] = useState(DEFAULT_ASSIGNMENT_SETTINGS);
  const create = useCreateProject();
  const preset = findPreset(presetId);

  function submit(event: FormEvent) {
    event.preventDefault();
    const chosen = workspaceId || undefined;
    const settings = {
      ...assignment,
      questions: preset ? preset.questions : defaultSettings(kind).questions,
      ...(kind === 'chat' && chatSettings ? { chat: chatSettings.value } : {}),
    };
    create.mutate(
      { name, kind, guidelines, settings, workspaceId: chosen },
      { onSuccess: (project) => onCreated(project.id) },
    );
  }

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="new-project-title">
      <h2 id="new-project-title">{t('newProject')}</h2>
      <div className="row">
        <div className="field grow">
          <label htmlFor="project-name">{t('name')}</label>
          <input
            id="project-name"
            dir="auto"
            required
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        {workspaces.length > 1 && (
          <div className="field">
            <label htmlFor="project-workspace">{t('workspace')}</label>
            <select id="project-workspace" value={workspaceId} onChange={(e) => setWorkspaceId(e.target.value)}>
              {workspaces.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="project-kind">{t('kind')}</label>
          <select
            id="project-kind"
            value={kind}
            aria-describedby="project-kind-hint"
            onChange={(e) => setKind(e.target.value as TaskKind)}
          >
            {TASK_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind_${k}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p id="project-kind-hint" className="hint">
        {t(`kindHint_${kind}`)}
      </p>
      <div className="field">
        <label htmlFor="project-preset">{t('startFrom')}</label>
        <select
          id="project-preset"
          value={presetId}
          aria-describedby="project-preset-hint"
          onChange={(e) => {
            setPresetId(e.target.value);
            const chosen = findPreset(e.target.value);
            if (chosen) setKind(chosen.kind);
          }}
        >
          <option value="">{t('defaultTemplate')}</option>
          {TEMPLATE_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {presetName(p)}
            </option>
          ))}
        </select>
        <p id="project-preset-hint" className="hint">
          {preset ? presetDescription(preset) : t('changeQuestionsLater')}
        </p>
      </div>
      {kind === 'chat' && chatSettings?.fields(workspaceId)}
      <AssignmentSettingsFields idPrefix="new-project" value={assignment} onChange={setAssignment} />
      <MarkdownEditor
        label={t('guidelinesMarkdown')}
        value={guidelines}
        onChange={setGuidelines}
        rows={5}
        placeholder={t('guidelinesPlaceholder')}
      />
      {create.isError && (
        <p className="notice error" role="alert">
          {errorMessage(create.error)}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending || !name.trim()}>
          {create.isPending ? t('creating') : t('createProject')}
        </button>
      </div>
    </form>
  );
}
