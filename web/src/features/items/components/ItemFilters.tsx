import { ITEM_STATES, type ItemState } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';
import type { ItemFilter } from '../api/list-items.ts';

const STATE_LABELS: Record<ItemState, string> = {
  waiting: 'Waiting',
  'in-progress': 'In progress',
  complete: 'Complete',
  skipped: 'Skipped',
  gold: 'Gold',
  flagged: 'Flagged',
  rejected: 'Rejected',
};

/** Status, search (exact external id or prompt text) and metadata filters of the item browser. */
export function ItemFilters({ filter, onChange }: { filter: ItemFilter; onChange: (filter: ItemFilter) => void }) {
  const [q, setQ] = useState(filter.q ?? '');
  const [meta, setMeta] = useState(filter.meta.join(', '));

  function submit(event: FormEvent) {
    event.preventDefault();
    const pairs = meta
      .split(',')
      .map((m) => m.trim())
      .filter((m) => m.includes('='));
    onChange({ ...filter, q: q.trim() || undefined, meta: pairs });
  }

  return (
    <form className="row align-end" onSubmit={submit} aria-label="Filter items">
      <label className="field">
        <span className="field-label">Status</span>
        <select
          value={filter.state ?? ''}
          onChange={(e) => onChange({ ...filter, state: (e.target.value || undefined) as ItemState | undefined })}
        >
          <option value="">All items</option>
          {ITEM_STATES.map((state) => (
            <option key={state} value={state}>
              {STATE_LABELS[state]}
            </option>
          ))}
        </select>
      </label>
      <label className="field grow">
        <span className="field-label">Search</span>
        <input
          type="search"
          value={q}
          placeholder="External id or prompt text"
          onChange={(e) => setQ(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">Metadata</span>
        <input value={meta} placeholder="lang=fr, turns=3" onChange={(e) => setMeta(e.target.value)} />
      </label>
      <button type="submit" className="button">
        Apply
      </button>
    </form>
  );
}
