import { useState } from 'react';
import { useMessages } from '../i18n/messages.ts';
import { componentMessages } from './components.messages.ts';

/**
 * Puts `text` on the clipboard. The Clipboard API exists only in secure contexts (https, localhost); on plain http
 * (an instance reached by its LAN address, `HOST=0.0.0.0`) the older copy command is the one way left.
 */
async function copyText(text: string): Promise<boolean> {
  if (navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

/** Copies `text` to the clipboard and says so (or says it could not, so the person selects it by hand). */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const t = useMessages(componentMessages);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <span className="actions">
      <button type="button" onClick={() => void copyText(text).then((ok) => setState(ok ? 'copied' : 'failed'))}>
        {label ?? t('copy')}
      </button>
      <span role="status" className="muted">
        {state === 'copied' ? t('copied') : state === 'failed' ? t('copyFailed') : ''}
      </span>
    </span>
  );
}
