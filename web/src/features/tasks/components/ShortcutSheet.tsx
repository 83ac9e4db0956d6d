import { useEffect, useRef } from 'react';
import { useMessages } from '../../../i18n/messages.ts';
import { taskMessages } from '../tasks.messages.ts';

/** Key combinations ("Ctrl+Enter") and the catalog key saying what they do on the annotation page. */
export const SHORTCUTS = [
  ['?', 'sc_help'],
  ['Ctrl+Enter', 'sc_submit'],
  ['J', 'sc_next'],
  ['K', 'sc_previous'],
  ['1–9', 'sc_digits'],
  ['0', 'sc_zero'],
  ['=', 'sc_tie'],
  ['Enter', 'sc_enter'],
  ['G', 'sc_guidelines'],
  ['L', 'sc_layout'],
  ['E', 'sc_expand'],
  ['S', 'sc_skip'],
  ['Esc', 'sc_close'],
] as const satisfies readonly (readonly [combo: string, what: keyof (typeof taskMessages)['en']])[];

/** The keyboard reference, a modal dialog (focus stays inside; Esc closes it, and focus returns where it was). */
export function ShortcutSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useMessages(taskMessages);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="shortcut-sheet" aria-labelledby="shortcuts-title" onClose={onClose}>
      <div className="section-head">
        <h2 id="shortcuts-title">{t('shortcutsTitle')}</h2>
        <button type="button" className="ghost" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <table>
        <caption className="visually-hidden">{t('keysCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('keys')}</th>
            <th scope="col">{t('action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([combo, what]) => (
            <tr key={what}>
              <td>
                {combo.split('+').map((key, index) => (
                  <span key={key}>
                    {index > 0 && ' + '}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(what)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </dialog>
  );
}
