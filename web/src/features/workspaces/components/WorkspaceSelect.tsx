import type { Workspace } from '@feedbench/shared';

/** A labelled choice of workspace; `allLabel` adds an "every workspace" option with the empty value. */
export function WorkspaceSelect({
  id,
  label,
  workspaces,
  value,
  onChange,
  allLabel,
}: {
  id: string;
  label: string;
  workspaces: Workspace[];
  value: string;
  onChange: (workspaceId: string) => void;
  allLabel?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
    </div>
  );
}
