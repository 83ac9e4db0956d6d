import { useMessages } from '../i18n/messages.ts';
import { errorMessage } from '../lib/api-client.ts';
import { componentMessages } from './components.messages.ts';

/** What a screen shows while its data loads or after it failed to; `what` comes translated by the caller. */
export function Loading({ what }: { what?: string }) {
  const t = useMessages(componentMessages);
  return (
    <p className="muted" role="status" aria-live="polite">
      {what ? t('loadingWhat', { what }) : t('loading')}
    </p>
  );
}

export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  const t = useMessages(componentMessages);
  return (
    <div className="notice error" role="alert">
      <strong>{title ?? t('somethingWrong')}.</strong> {errorMessage(error)}
    </div>
  );
}
