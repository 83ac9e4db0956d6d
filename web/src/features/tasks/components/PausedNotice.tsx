import { useMessages } from '../../../i18n/messages.ts';
import { taskMessages } from '../tasks.messages.ts';

/**
 * Shown instead of a task when the server refuses new tasks because the annotator is paused
 * (`assignment.annotator_paused`, decided by the gold module): a clear explanation, not a generic error.
 */
export function PausedNotice({ reason, onRetry }: { reason: string | null; onRetry: () => void }) {
  const t = useMessages(taskMessages);
  return (
    <section className="card stack" aria-labelledby="paused-title">
      <div className="notice error stack" role="alert">
        <h2 id="paused-title">{t('pausedTitle')}</h2>
        {/* The reason is the researcher's own words: shown as written. */}
        <p dir="auto">{reason ?? t('pausedDefault')}</p>
        <p>{t('pausedKept')}</p>
      </div>
      <button type="button" onClick={onRetry}>
        {t('checkAgain')}
      </button>
    </section>
  );
}
