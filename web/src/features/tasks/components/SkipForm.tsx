import { SKIP_REASON_LABELS, SKIP_REASONS, type SkipReason } from '@feedbench/shared';
import { type FormEvent, type KeyboardEvent, useRef, useState } from 'react';

interface SkipFormProps {
  disabled: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSkip: (reason: SkipReason, comment?: string) => void;
}

/** Folded away behind a button: skipping needs a reason, which researchers read to fix prompts and guidelines. */
export function SkipForm({ disabled, open, onOpenChange, onSkip }: SkipFormProps) {
  const [reason, setReason] = useState<SkipReason>('unclear-prompt');
  const [comment, setComment] = useState('');
  const toggle = useRef<HTMLButtonElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSkip(reason, comment.trim() || undefined);
  }

  // Esc folds the form away and gives the focus back to the button that opened it.
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onOpenChange(false);
    toggle.current?.focus();
  }

  return (
    <div className="skip">
      <button ref={toggle} type="button" className="ghost" aria-expanded={open} onClick={() => onOpenChange(!open)}>
        Skip this item…
      </button>
      {open && (
        <form className="skip-form stack" onSubmit={submit} onKeyDown={onKeyDown} aria-label="Skip this item">
          <div className="field">
            <label htmlFor="skip-reason">Skip reason</label>
            {/* biome-ignore lint/a11y/noAutofocus: the form opens on request (S or its button) to choose a reason */}
            <select id="skip-reason" autoFocus value={reason} onChange={(e) => setReason(e.target.value as SkipReason)}>
              {SKIP_REASONS.map((r) => (
                <option key={r} value={r}>
                  {SKIP_REASON_LABELS[r]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="skip-comment">Comment (optional)</label>
            <input id="skip-comment" maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
          </div>
          <div className="actions">
            <button type="submit" disabled={disabled}>
              Skip
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
