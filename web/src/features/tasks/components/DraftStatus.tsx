import { errorMessage } from '../../../lib/api-client.ts';

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

interface DraftStatusProps {
  restoredFrom: string | undefined;
  savedAt: string | undefined;
  saving: boolean;
  error: unknown;
}

/** Tells the annotator their work is safe (or that it is not), without getting in the way. */
export function DraftStatus({ restoredFrom, savedAt, saving, error }: DraftStatusProps) {
  let text = '';
  if (error) text = `Draft not saved: ${errorMessage(error)}`;
  else if (saving) text = 'Saving draft…';
  else if (savedAt) text = `Draft saved at ${time(savedAt)}`;
  else if (restoredFrom) text = `Restored your draft from ${time(restoredFrom)}`;
  return (
    <p className={error ? 'draft-status error' : 'draft-status'} role="status" aria-live="polite">
      {text}
    </p>
  );
}
