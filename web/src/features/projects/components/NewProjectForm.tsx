import { TASK_KINDS, type TaskKind } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';
import { MarkdownEditor } from '../../../components/MarkdownEditor.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { useCreateProject } from '../api/create-project.ts';

const KIND_HINTS: Record<TaskKind, string> = {
  demonstration: 'Annotators write the ideal assistant reply (SFT demonstrations).',
  ranking: 'Annotators rank and rate model outputs (RLHF preferences).',
};

export function NewProjectForm({ onCreated }: { onCreated: (projectId: string) => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<TaskKind>('ranking');
  const [guidelines, setGuidelines] = useState('');
  const create = useCreateProject();

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name, kind, guidelines }, { onSuccess: (project) => onCreated(project.id) });
  }

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="new-project-title">
      <h2 id="new-project-title">New project</h2>
      <div className="row">
        <div className="field grow">
          <label htmlFor="project-name">Name</label>
          <input id="project-name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
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
