import { SKIP_REASONS, type SkipReason } from '@feedbench/shared';
import { type FormEvent, type KeyboardEvent, useRef, useState } from 'react';
import { componentMessages } from '../../../components/components.messages.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { taskMessages } from '../tasks.messages.ts';

interface SkipFormProps {
  disabled: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSkip: (reason: SkipReason, comment?: string) => void;
}

/** Folded away behind a button: skipping needs a reason, which researchers read to fix prompts and guidelines. */
export function SkipForm({ disabled, open, onOpenChange, onSkip }: SkipFormProps) {
  const t = useMessages(taskMessages);
  const c = useMessages(componentMessages);
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
        {t('skipThisItemButton')}
      </button>
      {open && (
        <form className="skip-form stack" onSubmit={submit} onKeyDown={onKeyDown} aria-label={t('skipThisItem')}>
          <div className="field">
            <label htmlFor="skip-reason">{t('skipReason')}</label>
            {/* biome-ignore lint/a11y/noAutofocus: the form opens on request (S or its button) to choose a reason */}
            <select id="skip-reason" autoFocus value={reason} onChange={(e) => setReason(e.target.value as SkipReason)}>
              {SKIP_REASONS.map((r) => (
                <option key={r} value={r}>
                  {c(`skip_${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="skip-comment">{t('commentOptional')}</label>
            <input
              id="skip-comment"
              dir="auto"
              maxLength={2000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </div>
          <div className="actions">
            <button type="submit" disabled={disabled}>
              {t('skip')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
