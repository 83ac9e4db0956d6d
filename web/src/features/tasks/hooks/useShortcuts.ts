import { useEffect, useRef } from 'react';

export interface Shortcut {
  /** `KeyboardEvent.key`, compared case-insensitively. */
  key: string;
  /** Ctrl on Linux/Windows, Cmd on macOS. */
  mod?: boolean;
  /** Also fire while typing in a text field (only sensible with `mod`). */
  inFields?: boolean;
  run: () => void;
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['radio', 'checkbox', 'button', 'submit'].includes(target.type);
}

/** Page-wide keyboard shortcuts; plain keys never fire while the user types into a field. */
export function useShortcuts(shortcuts: Shortcut[]) {
  // The latest handlers, without re-subscribing on every render.
  const current = useRef(shortcuts);
  current.current = shortcuts;

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      const mod = event.ctrlKey || event.metaKey;
      for (const shortcut of current.current) {
        if (event.key.toLowerCase() !== shortcut.key.toLowerCase()) continue;
        if (Boolean(shortcut.mod) !== mod || event.altKey) continue;
        if (!shortcut.inFields && isTextField(event.target)) continue;
        event.preventDefault();
        shortcut.run();
        return;
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
