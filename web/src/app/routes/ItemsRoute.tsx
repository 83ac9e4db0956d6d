import { ITEM_STATES, type ItemState } from '@feedbench/shared';
import { useCallback, useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { type ItemFilter, useItems } from '../../features/items/api/list-items.ts';
import { ItemDetail } from '../../features/items/components/ItemDetail.tsx';
import { ItemFilters } from '../../features/items/components/ItemFilters.tsx';
import { ItemTable } from '../../features/items/components/ItemTable.tsx';
import { useProject } from '../../features/projects/api/get-project.ts';
import { useFormat } from '../../i18n/format.ts';
import { useMessages } from '../../i18n/messages.ts';
import { appMessages } from '../app.messages.ts';

/** The filter lives in the address (state, q, meta), so a filtered view can be bookmarked and shared. */
function useItemFilter(): [ItemFilter, (filter: ItemFilter) => void, string] {
  const [params, setParams] = useSearchParams();
  const state = params.get('state');
  const filter = useMemo<ItemFilter>(
    () => ({
      state: ITEM_STATES.includes(state as ItemState) ? (state as ItemState) : undefined,
      q: params.get('q') ?? undefined,
      meta: params.getAll('meta'),
    }),
    [params, state],
  );
  const setFilter = (next: ItemFilter) => {
    const search = new URLSearchParams();
    if (next.state) search.set('state', next.state);
    if (next.q) search.set('q', next.q);
    for (const m of next.meta) search.append('meta', m);
    setParams(search);
  };
  return [filter, setFilter, params.toString()];
}

/** Researchers' item browser: every item with its status, filters and search, and the selected item's annotations. */
export function ItemsRoute() {
  const t = useMessages(appMessages);
  const format = useFormat();
  const { projectId = '', itemId } = useParams();
  const project = useProject(projectId);
  const [filter, setFilter, search] = useItemFilter();
  const items = useItems(projectId, filter);
  const { fetchNextPage } = items;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  if (project.isPending) return <Loading what={t('theProject')} />;
  if (project.isError) return <ErrorNotice error={project.error} title={t('loadProjectFailed')} />;
  const p = project.data;
  const listed = items.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="stack">
      <Breadcrumb trail={[{ to: `/projects/${p.id}`, label: p.name }]} current={t('items')} />
      <h1>{t('itemsCount', { count: format.integer(p.progress.items) })}</h1>
      <section className="card stack" aria-label={t('itemBrowser')}>
        <ItemFilters key={search} filter={filter} onChange={setFilter} />
        {items.isPending && <Loading what={t('itemsWhat')} />}
        {items.isError && <ErrorNotice error={items.error} title={t('loadItemsFailed')} />}
        {items.isSuccess && listed.length === 0 && !items.hasNextPage && (
          <p className="muted" role="status">
            {t('noItemMatches')}
          </p>
        )}
        {items.isSuccess && (listed.length > 0 || items.hasNextPage) && (
          <ItemTable
            items={listed}
            hasMore={items.hasNextPage}
            loadingMore={items.isFetchingNextPage}
            onLoadMore={loadMore}
            selectedId={itemId}
            itemHref={(item) => `/projects/${p.id}/items/${item.id}${search ? `?${search}` : ''}`}
          />
        )}
      </section>
      {itemId && <ItemDetail projectId={p.id} itemId={itemId} />}
    </div>
  );
}
