import type { DiffPart } from '@feedbench/shared';
import { useMessages } from '../../../i18n/messages.ts';
import { reviewMessages } from '../review.messages.ts';

/** A word diff as text: removals struck through, additions underlined, each also named for screen readers. */
export function DiffView({ parts }: { parts: DiffPart[] }) {
  const t = useMessages(reviewMessages);
  return (
    <p style={{ whiteSpace: 'pre-wrap' }} dir="auto">
      {parts.map((part, index) =>
        part.op === 'same' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity beyond their position
          <span key={index}>{part.text}</span>
        ) : part.op === 'removed' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <del key={index}>
            <span className="visually-hidden">{t('removedOpen')}</span>
            {part.text}
            <span className="visually-hidden">]</span>
          </del>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <ins key={index}>
            <span className="visually-hidden">{t('addedOpen')}</span>
            {part.text}
            <span className="visually-hidden">]</span>
          </ins>
        ),
      )}
    </p>
  );
}
