import { type ReactNode, useEffect, useRef } from 'react';
import { useMessages } from '../../../i18n/messages.ts';
import { taskMessages } from '../tasks.messages.ts';

/**
 * The "you're done" state when the queue is empty. Its heading takes the focus when it appears: the submitted form
 * has just gone, and focus left on nothing would strand keyboard users and tell screen readers nothing.
 */
export function FinishedNotice({
  progressBar,
  checking,
  onCheckAgain,
}: {
  progressBar: ReactNode;
  checking: boolean;
  onCheckAgain: () => void;
}) {
  const t = useMessages(taskMessages);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card finished stack" aria-labelledby="finished-title">
      <h2 id="finished-title" ref={heading} tabIndex={-1}>
        {t('noMoreItems')}
      </h2>
      {progressBar}
      <p className="muted">{t('allDone')}</p>
      <button type="button" onClick={onCheckAgain} disabled={checking}>
        {t('checkAgain')}
      </button>
    </section>
  );
}
