import { useState } from 'react';
import { useMessages } from '../i18n/messages.ts';
import { componentMessages } from './components.messages.ts';

/** Copies `text` to the clipboard and says so (or says it could not, so the person selects it by hand). */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const t = useMessages(componentMessages);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <span className="actions">
      <button
        type="button"
        onClick={() =>
          navigator.clipboard.writeText(text).then(
            () => setState('copied'),
            () => setState('failed'),
          )
        }
      >
        {label ?? t('copy')}
      </button>
      <span role="status" className="muted">
        {state === 'copied' ? t('copied') : state === 'failed' ? t('copyFailed') : ''}
      </span>
    </span>
  );
}
