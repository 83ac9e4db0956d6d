import type { SkippedItem } from '@feedbench/shared';
import { componentMessages } from '../../../components/components.messages.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { skipMessages } from '../skips.messages.ts';

/** Skipped items still short of the overlap target, most skipped first: prompts to fix, reword or remove. */
export function SkippedItemsTable({ items, overlapTarget }: { items: SkippedItem[]; overlapTarget: number }) {
  const t = useMessages(skipMessages);
  const c = useMessages(componentMessages);
  if (items.length === 0) {
    return <p className="muted">{t('noneShort')}</p>;
  }
  return (
    <table className="table">
      <caption className="visually-hidden">{t('shortCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('item')}</th>
          <th scope="col">{t('skips')}</th>
          <th scope="col">{t('annotations')}</th>
          <th scope="col">{t('reasons')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.itemId}>
            <th scope="row">{item.externalId}</th>
            <td>{item.skips}</td>
            <td>{t('annotationsOf', { done: item.annotations, target: overlapTarget })}</td>
            <td>{item.reasons.map((r) => c(`skip_${r}`)).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
