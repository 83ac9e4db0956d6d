import type { QuestionOf } from '@feedbench/shared';
import { type KeyboardEvent, useId } from 'react';
import { advanceFocus, answerStop } from '../controls/answer-focus.ts';
import { optionIndexFromKey } from '../controls/option-keys.ts';
import type { ShownOutput } from '../question-kind.ts';
import { qt } from '../questions.messages.ts';

interface BestOfKChoiceProps {
  question: QuestionOf<'best-of-k'>;
  /** In the order the annotator sees them, with their labels (A, B, C...). */
  outputs: readonly ShownOutput[];
  /** The chosen output id, null for "none is acceptable", undefined before any choice. */
  choice: string | null | undefined;
  onChoose: (choice: string | null) => void;
  /** Annotator page: digits answer and move on to the next question. */
  keyboard?: boolean;
}

/**
 * One radio per output in display order ("Output A"...), then "None is acceptable" when the question offers it.
 * Digits pick options 1..K (and K+1 for none), like every other choice on the page, and move on.
 */
export function BestOfKChoice({ question, outputs, choice, onChoose, keyboard = false }: BestOfKChoiceProps) {
  const id = useId();
  const options: { key: string; label: string; value: string | null }[] = [
    ...outputs.map((o) => ({ key: o.id, label: qt('output', { label: o.label }), value: o.id })),
    ...(question.allowNone ? [{ key: '\u0000none', label: qt('noneAcceptable'), value: null }] : []),
  ];
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!keyboard || event.ctrlKey || event.metaKey || event.altKey) return;
    const index = optionIndexFromKey(event.key, options.length);
    const option = index === undefined ? undefined : options[index];
    if (!option) return;
    event.preventDefault();
    onChoose(option.value);
    advanceFocus(event.currentTarget);
  }
  return (
    <div
      role="radiogroup"
      aria-label={question.label}
      aria-keyshortcuts={keyboard ? `1-${Math.min(options.length, 9)}` : undefined}
      className="choice-grid best-of-k-choices"
      onKeyDown={onKeyDown}
      {...(keyboard ? answerStop(question.id) : {})}
    >
      {options.map((option, index) => {
        const checked = choice !== undefined && choice === option.value;
        return (
          <label key={option.key} className={checked ? 'choice checked' : 'choice'}>
            <input type="radio" name={`${id}-best`} checked={checked} onChange={() => onChoose(option.value)} />
            {keyboard && index < 10 && (
              <span className="key" aria-hidden="true">
                {(index + 1) % 10}
              </span>
            )}
            <span>{option.label}</span>
          </label>
        );
      })}
    </div>
  );
}
