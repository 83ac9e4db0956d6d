import type { QuestionOf } from '@feedbench/shared';
import { type KeyboardEvent, useId } from 'react';
import { advanceFocus, answerStop } from '../controls/answer-focus.ts';
import { optionIndexFromKey } from '../controls/option-keys.ts';
import { qt } from '../questions.messages.ts';

interface FlagChecklistProps {
  question: QuestionOf<'flags'>;
  outputId: string;
  outputLabel: string;
  flagged: string[];
  onToggle: (flagId: string) => void;
}

/**
 * Yes/no labels for one output (InstructGPT's metadata by default): tick what applies, the rest is "no". Digits
 * toggle flag 1..10; Enter moves on to the next question.
 */
export function FlagChecklist({ question, outputId, outputLabel, flagged, onToggle }: FlagChecklistProps) {
  const id = useId();
  function onKeyDown(event: KeyboardEvent<HTMLFieldSetElement>) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      advanceFocus(event.currentTarget);
      return;
    }
    const index = optionIndexFromKey(event.key, question.flags.length);
    const flag = index === undefined ? undefined : question.flags[index];
    if (!flag) return;
    event.preventDefault();
    onToggle(flag.id);
  }
  return (
    <fieldset
      className="flags"
      aria-describedby={`${id}-hint`}
      onKeyDown={onKeyDown}
      {...answerStop(question.id, outputId)}
    >
      <legend className="field-label">
        {question.label} <span className="visually-hidden">{qt('flagsForOutput', { label: outputLabel })}</span>
      </legend>
      <p id={`${id}-hint`} className="hint">
        {question.help && `${question.help} `}
        {qt('flagsHint')} <kbd>Enter</kbd> {qt('flagsHintEnd')}
      </p>
      <div className="flag-grid">
        {question.flags.map((flag, index) => (
          <label
            key={flag.id}
            className={flagged.includes(flag.id) ? 'flag checked' : 'flag'}
            title={flag.description || undefined}
          >
            <input type="checkbox" checked={flagged.includes(flag.id)} onChange={() => onToggle(flag.id)} />
            <span className="key" aria-hidden="true">
              {(index + 1) % 10}
            </span>
            <span>{flag.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
