import type { SkipEntry } from '@feedbench/shared';
import { componentMessages } from '../../../components/components.messages.ts';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { skipMessages } from '../skips.messages.ts';

/** Every skip, newest first: who skipped which item, when, why, and what they wrote. */
export function SkipList({ skips }: { skips: SkipEntry[] }) {
  const t = useMessages(skipMessages);
  const c = useMessages(componentMessages);
  const format = useFormat();
  if (skips.length === 0) {
    return <p className="muted">{t('nobodySkipped')}</p>;
  }
  return (
    <table className="table">
      <caption className="visually-hidden">{t('skips')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('item')}</th>
          <th scope="col">{t('reason')}</th>
          <th scope="col">{t('comment')}</th>
          <th scope="col">{t('annotator')}</th>
          <th scope="col">{t('when')}</th>
        </tr>
      </thead>
      <tbody>
        {skips.map((skip) => (
          <tr key={`${skip.itemId}:${skip.annotatorEmail}`}>
            <th scope="row">{skip.externalId}</th>
            <td>{c(`skip_${skip.reason}`)}</td>
            {/* Annotator text: rendered as plain text, never as HTML. */}
            <td dir="auto">{skip.comment ?? <span className="muted">–</span>}</td>
            <td>{skip.annotatorEmail}</td>
            <td>
              <time dateTime={skip.createdAt}>{format.dateTime(skip.createdAt)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
