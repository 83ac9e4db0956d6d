import { useEffect, useRef } from 'react';

/** Key combinations ("Ctrl+Enter") and what they do on the annotation page. */
export const SHORTCUTS: [combo: string, what: string][] = [
  ['?', 'Show or hide this sheet'],
  ['Ctrl+Enter', 'Submit (Cmd+Enter on a Mac)'],
  ['J', 'Next question'],
  ['K', 'Previous question'],
  ['1–9', 'On a scale or choice: pick that value and move on; on an output: give it that rank'],
  ['0', 'On an output: take it off the ranking; in a list of options: the tenth one'],
  ['=', 'On an output: tie it with the output you ranked last'],
  ['Enter', 'In a list of flags or labels: move on'],
  ['G', 'Show or hide the guidelines'],
  ['L', 'Outputs side by side or stacked'],
  ['E', 'Expand or fold long outputs'],
  ['S', 'Skip this item (with a reason)'],
  ['Esc', 'Close this sheet'],
];

/** The keyboard reference, a modal dialog (focus stays inside; Esc closes it, and focus returns where it was). */
export function ShortcutSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
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
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <button type="button" className="ghost" onClick={onClose}>
          Close
        </button>
      </div>
      <table>
        <caption className="visually-hidden">Keys and what they do</caption>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
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
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </dialog>
  );
}
