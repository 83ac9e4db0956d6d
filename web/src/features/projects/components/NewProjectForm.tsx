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
import { errorMessage } from '../../../lib/api-client.ts';
import { useCreateProject } from '../api/create-project.ts';
import { AssignmentSettingsFields, DEFAULT_ASSIGNMENT_SETTINGS } from './AssignmentSettingsFields.tsx';

const KIND_HINTS: Record<TaskKind, string> = {
  demonstration: 'Annotators write the ideal assistant reply (SFT demonstrations).',
  ranking: 'Annotators rank and rate model outputs (RLHF preferences).',
  chat: 'Annotators chat live with your models, comparing K candidate replies at every turn (HH-RLHF, Llama 2).',
};

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
  const [name, setName] = useState('');
  const [workspaceId, setWorkspaceId] = useState(workspaces[0]?.id ?? '');
  const [kind, setKind] = useState<TaskKind>('ranking');
  const [guidelines, setGuidelines] = useState('');
  const [presetId, setPresetId] = useState('');
  const [assignment, setAssignment] = useState(DEFAULT_ASSIGNMENT_SETTINGS);
  const create = useCreateProject();
  const preset = findPreset(presetId);

  function submit(event: FormEvent) {
    event.preventDefault();
    const chosen = workspaces.some((w) => w.id === workspaceId) ? workspaceId : workspaces[0]?.id;
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
      <h2 id="new-project-title">New project</h2>
      <div className="row">
        <div className="field grow">
          <label htmlFor="project-name">Name</label>
          <input id="project-name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        {workspaces.length > 1 && (
          <div className="field">
            <label htmlFor="project-workspace">Workspace</label>
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
          <label htmlFor="project-kind">Kind</label>
          <select
            id="project-kind"
            value={kind}
            aria-describedby="project-kind-hint"
            onChange={(e) => setKind(e.target.value as TaskKind)}
          >
            {TASK_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p id="project-kind-hint" className="hint">
        {KIND_HINTS[kind]}
      </p>
      <div className="field">
        <label htmlFor="project-preset">Start from</label>
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
          <option value="">The default template of the kind</option>
          {TEMPLATE_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <p id="project-preset-hint" className="hint">
          {preset ? preset.description : 'Change the questions any time in the template builder.'}
        </p>
      </div>
      {kind === 'chat' && chatSettings?.fields(workspaceId || workspaces[0]?.id || '')}
      <AssignmentSettingsFields idPrefix="new-project" value={assignment} onChange={setAssignment} />
      <MarkdownEditor
        label="Guidelines (Markdown)"
        value={guidelines}
        onChange={setGuidelines}
        rows={5}
        placeholder="What a good answer looks like…"
      />
      {create.isError && (
        <p className="notice error" role="alert">
          {errorMessage(create.error)}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending || !name.trim()}>
          {create.isPending ? 'Creating…' : 'Create project'}
        </button>
      </div>
    </form>
  );
}
