import { useEffect, useRef, useState } from 'react';
import { useMessages } from '../i18n/messages.ts';
import { componentMessages } from './components.messages.ts';

/**
 * A button for an action that cannot be taken back (revoke, remove, disable): the first press asks, in place, and
 * only the second one acts. Focus moves to Cancel (an Enter pressed twice must not act), and Esc or Cancel goes back
 * to the first button.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  disabled,
  ariaLabel,
}: {
  label: string;
  /** What the second press does, said in full ("Revoke the token ci?"). */
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  ariaLabel?: string;
}) {
  const t = useMessages(componentMessages);
  const [asking, setAsking] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const [returnFocus, setReturnFocus] = useState(false);
  useEffect(() => {
    if (asking) cancelRef.current?.focus();
    else if (returnFocus) startRef.current?.focus();
  }, [asking, returnFocus]);

  if (!asking) {
    return (
      <button
        type="button"
        ref={startRef}
        className="small"
        disabled={disabled}
        aria-label={ariaLabel}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  const cancel = () => {
    setReturnFocus(true);
    setAsking(false);
  };
  return (
    <fieldset
      className="confirm-inline"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        cancel();
      }}
    >
      <legend>{question}</legend>
      <button
        type="button"
        className="small danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" ref={cancelRef} className="small" onClick={cancel}>
        {t('cancel')}
      </button>
    </fieldset>
  );
}
