import { useEffect, useRef, useState } from 'react';
import { useMessages } from '../i18n/messages.ts';
import { componentMessages } from './components.messages.ts';

/**
 * A button for an action that cannot be taken back (revoke, remove, disable): the first press asks, in place, and
 * only the second one acts. Focus moves to the confirming button and back to the first one on Cancel.
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
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const [returnFocus, setReturnFocus] = useState(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
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
  return (
    <fieldset className="confirm-inline">
      <legend>{question}</legend>
      <button
        type="button"
        ref={confirmRef}
        className="small danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button
        type="button"
        className="small"
        onClick={() => {
          setReturnFocus(true);
          setAsking(false);
        }}
      >
        {t('cancel')}
      </button>
    </fieldset>
  );
}
