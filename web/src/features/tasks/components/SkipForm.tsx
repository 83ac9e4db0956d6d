import { SKIP_REASONS, type SkipReason } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';

const REASON_LABELS: Record<SkipReason, string> = {
  unsafe: 'Unsafe or harmful content',
  'unclear-prompt': 'The prompt is unclear',
  'not-my-expertise': 'Outside my expertise',
  other: 'Other',
};

/** Skipping needs a reason: researchers read them to fix prompts and guidelines. */
export function SkipForm({
  disabled,
  onSkip,
}: {
  disabled: boolean;
  onSkip: (reason: SkipReason, comment?: string) => void;
}) {
  const [reason, setReason] = useState<SkipReason>('unclear-prompt');
  const [comment, setComment] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    onSkip(reason, comment.trim() || undefined);
  }

  return (
    <form className="skip-form row align-end" onSubmit={submit} aria-label="Skip this item">
      <div className="field">
        <label htmlFor="skip-reason">Skip reason</label>
        <select id="skip-reason" value={reason} onChange={(e) => setReason(e.target.value as SkipReason)}>
          {SKIP_REASONS.map((r) => (
            <option key={r} value={r}>
              {REASON_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      <div className="field grow">
        <label htmlFor="skip-comment">Comment (optional)</label>
        <input id="skip-comment" maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      <button type="submit" disabled={disabled}>
        Skip
      </button>
    </form>
  );
}
