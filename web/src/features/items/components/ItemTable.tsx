import type { ItemSummary } from '@feedbench/shared';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useMessages } from '../../../i18n/messages.ts';
import { itemMessages } from '../items.messages.ts';

const ROW_HEIGHT = 44;

/**
 * The items as a virtualized table: only the rows in view (plus a few) are in the DOM, so a million items scroll as
 * smoothly as a hundred. Reaching the last loaded row asks for the next keyset page.
 */
export function ItemTable({
  items,
  hasMore,
  loadingMore,
  onLoadMore,
  itemHref,
  selectedId,
}: {
  items: ItemSummary[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  itemHref: (item: ItemSummary) => string;
  selectedId?: string;
}) {
  const t = useMessages(itemMessages);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length + (hasMore ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const rows = virtualizer.getVirtualItems();
  const lastIndex = rows.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= items.length - 1) onLoadMore();
  }, [hasMore, loadingMore, lastIndex, items.length, onLoadMore]);

  return (
    <div ref={scroller} className="item-scroll">
      {/* A real table laid out as a grid (TanStack Virtual's table pattern): rows sit at their offsets in the body. */}
      <table className="item-table" aria-rowcount={hasMore ? -1 : items.length + 1}>
        <caption className="visually-hidden">{t('itemsCaption')}</caption>
        <thead>
          <tr className="item-row head">
            <th scope="col">{t('item')}</th>
            <th scope="col">{t('prompt')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('annotations')}</th>
            <th scope="col">{t('marks')}</th>
          </tr>
        </thead>
        <tbody style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => {
            const item = items[row.index];
            const style = { height: ROW_HEIGHT, transform: `translateY(${row.start}px)` };
            if (!item) {
              return (
                <tr key="more" className="item-row more" style={style}>
                  <td className="muted">{t('loadingMore')}</td>
                </tr>
              );
            }
            return (
              <tr
                key={item.id}
                aria-rowindex={row.index + 2}
                aria-current={item.id === selectedId ? 'true' : undefined}
                className={item.id === selectedId ? 'item-row selected' : 'item-row'}
                style={style}
              >
                <th scope="row">
                  <Link to={itemHref(item)}>{item.externalId}</Link>
                </th>
                <td className="item-prompt" title={item.prompt} dir="auto">
                  {item.prompt}
                </td>
                <td>
                  <span className={`badge status-${item.status}`}>{t(`state_${item.status}`)}</span>
                </td>
                <td>{t('annotationsCount', { done: item.annotations, target: item.overlapTarget })}</td>
                <td className="row">
                  {item.gold && <span className="badge">{t('gold')}</span>}
                  {item.flagged && <span className="badge">{t('flagged')}</span>}
                  {item.rejected && <span className="badge">{t('rejected')}</span>}
                  {item.skips > 0 && <span className="badge muted">{t('skippedBadge', { count: item.skips })}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
