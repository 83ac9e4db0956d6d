import { useTranslation } from 'react-i18next';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { taskMessages } from '../tasks.messages.ts';

interface DraftStatusProps {
  restoredFrom: string | undefined;
  savedAt: string | undefined;
  saving: boolean;
  error: unknown;
}

/** Tells the annotator their work is safe (or that it is not), without getting in the way. */
export function DraftStatus({ restoredFrom, savedAt, saving, error }: DraftStatusProps) {
  const t = useMessages(taskMessages);
  const { i18n } = useTranslation();
  const time = (iso: string) => new Date(iso).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
  let text = '';
  if (error) text = t('draftNotSaved', { error: errorMessage(error) });
  else if (saving) text = t('savingDraft');
  else if (savedAt) text = t('draftSavedAt', { time: time(savedAt) });
  else if (restoredFrom) text = t('restoredDraft', { time: time(restoredFrom) });
  return (
    <p className={error ? 'draft-status error' : 'draft-status'} role="status" aria-live="polite">
      {text}
    </p>
  );
}
