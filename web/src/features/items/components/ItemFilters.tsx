import { ITEM_STATES, type ItemState } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';
import { useMessages } from '../../../i18n/messages.ts';
import type { ItemFilter } from '../api/list-items.ts';
import { itemMessages } from '../items.messages.ts';

/** Status, search (exact external id or prompt text) and metadata filters of the item browser. */
export function ItemFilters({ filter, onChange }: { filter: ItemFilter; onChange: (filter: ItemFilter) => void }) {
  const t = useMessages(itemMessages);
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
    <form className="row align-end" onSubmit={submit} aria-label={t('filterItems')}>
      <label className="field">
        <span className="field-label">{t('status')}</span>
        <select
          value={filter.state ?? ''}
          onChange={(e) => onChange({ ...filter, state: (e.target.value || undefined) as ItemState | undefined })}
        >
          <option value="">{t('allItems')}</option>
          {ITEM_STATES.map((state) => (
            <option key={state} value={state}>
              {t(`state_${state}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field grow">
        <span className="field-label">{t('search')}</span>
        <input
          type="search"
          value={q}
          placeholder={t('searchPlaceholder')}
          dir="auto"
          onChange={(e) => setQ(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('metadata')}</span>
        <input value={meta} placeholder={t('metadataPlaceholder')} onChange={(e) => setMeta(e.target.value)} />
      </label>
      <button type="submit" className="button">
        {t('apply')}
      </button>
    </form>
  );
}
