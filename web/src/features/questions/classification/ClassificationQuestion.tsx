import type { QuestionOf } from '@feedbench/shared';
import { type KeyboardEvent, useId } from 'react';
import { advanceFocus, answerStop } from '../controls/answer-focus.ts';
import { optionIndexFromKey } from '../controls/option-keys.ts';
import { qt } from '../questions.messages.ts';

interface ClassificationQuestionProps {
  question: QuestionOf<'classification'>;
  selected: string[];
  onToggle: (optionId: string) => void;
}

/** Labels for the prompt itself: radios (one label) or checkboxes (several). Digits pick options 1..10. */
export function ClassificationQuestion({ question, selected, onToggle }: ClassificationQuestionProps) {
  const id = useId();
  const type = question.multiple ? 'checkbox' : 'radio';
  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Enter' && question.multiple) {
      event.preventDefault();
      advanceFocus(event.currentTarget);
      return;
    }
    const index = optionIndexFromKey(event.key, question.options.length);
    const option = index === undefined ? undefined : question.options[index];
    if (!option) return;
    event.preventDefault();
    onToggle(option.id);
    if (!question.multiple) advanceFocus(event.currentTarget);
  }
  const options = question.options.map((option, index) => (
    <label
      key={option.id}
      className={selected.includes(option.id) ? 'choice checked' : 'choice'}
      title={option.description || undefined}
    >
      <input
        type={type}
        name={`${id}-option`}
        checked={selected.includes(option.id)}
        onChange={() => onToggle(option.id)}
      />
      {index < 10 && (
        <span className="key" aria-hidden="true">
          {(index + 1) % 10}
        </span>
      )}
      <span>{option.label}</span>
    </label>
  ));
  const hint = question.multiple ? qt('chooseAll') : qt('chooseOne');
  return (
    <section className="card classification stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {question.label}
        {!question.required && <span className="muted"> {qt('optional')}</span>}
      </h2>
      {question.help && <p className="hint">{question.help}</p>}
      {question.multiple ? (
        <fieldset
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-hint`}
          className="choice-grid"
          onKeyDown={onKeyDown}
          {...answerStop(question.id)}
        >
          {options}
        </fieldset>
      ) : (
        <div
          role="radiogroup"
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-hint`}
          className="choice-grid"
          onKeyDown={onKeyDown}
          {...answerStop(question.id)}
        >
          {options}
        </div>
      )}
      <p id={`${id}-hint`} className="hint">
        {hint} {question.multiple ? qt('digitsPickEnter') : qt('digitsPick')}
      </p>
    </section>
  );
}
