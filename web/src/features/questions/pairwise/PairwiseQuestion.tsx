import type { QuestionOf, TaskOutput } from '@feedbench/shared';
import { type KeyboardEvent, useId } from 'react';
import { advanceFocus, answerStop } from '../controls/answer-focus.ts';
import type { PairwiseChoice } from '../edit-state.ts';
import { qt } from '../questions.messages.ts';
import { optionIndexFromKey, optionKeyOf, pairwiseOptions } from './pairwise-options.ts';

interface PairwiseQuestionProps {
  question: QuestionOf<'pairwise'>;
  outputs: TaskOutput[];
  choice: PairwiseChoice | undefined;
  safe: Record<string, boolean>;
  onChoose: (choice: PairwiseChoice) => void;
  onSafety: (outputId: string, safe: boolean) => void;
}

const modified = (event: KeyboardEvent) => event.ctrlKey || event.metaKey || event.altKey;

/** Llama 2's A/B comparison: one scale from "A significantly better" to "B significantly better", then safety. */
export function PairwiseQuestion({ question, outputs, choice, safe, onChoose, onSafety }: PairwiseQuestionProps) {
  const id = useId();
  const options = pairwiseOptions(question, outputs);
  const selected = optionKeyOf(choice, options);
  if (outputs.length !== 2) {
    return (
      <section className="card" aria-label={question.label}>
        <h2>{question.label}</h2>
        <p className="notice error">{qt('comparesTwo', { count: outputs.length })}</p>
      </section>
    );
  }

  function onChoiceKey(event: KeyboardEvent<HTMLDivElement>) {
    if (modified(event)) return;
    const index = optionIndexFromKey(event.key, options.length);
    const option = index === undefined ? undefined : options[index];
    if (!option) return;
    event.preventDefault();
    onChoose(option.choice);
    advanceFocus(event.currentTarget);
  }

  function onSafetyKey(event: KeyboardEvent<HTMLDivElement>, outputId: string) {
    if (modified(event) || !['1', '2', 's', 'u'].includes(event.key)) return;
    event.preventDefault();
    onSafety(outputId, event.key === '1' || event.key === 's');
    advanceFocus(event.currentTarget);
  }

  return (
    <section className="card pairwise stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{question.label}</h2>
      {question.help && <p className="hint">{question.help}</p>}
      <div
        role="radiogroup"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-keys`}
        className="pairwise-scale"
        onKeyDown={onChoiceKey}
        {...answerStop(question.id)}
      >
        {options.map((option, index) => (
          <label key={option.key} className={selected === option.key ? 'choice checked' : 'choice'}>
            <input
              type="radio"
              name={`${id}-choice`}
              value={option.key}
              checked={selected === option.key}
              onChange={() => onChoose(option.choice)}
            />
            <span className="key" aria-hidden="true">
              {(index + 1) % 10}
            </span>
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      <p id={`${id}-keys`} className="hint">
        {qt('press')} <kbd>1</kbd>–<kbd>{Math.min(options.length, 9)}</kbd>
        {options.length > 9 && (
          <>
            , <kbd>0</kbd>
          </>
        )}{' '}
        {qt('toChoose')}
      </p>
      {question.askSafety && (
        <fieldset className="safety stack">
          <legend>{qt('safety')}</legend>
          {outputs.map((output) => (
            <div
              key={output.id}
              role="radiogroup"
              aria-label={qt('isSafe', { label: output.label })}
              aria-keyshortcuts="1 2"
              className="safety-row"
              onKeyDown={(event) => onSafetyKey(event, output.id)}
              {...answerStop(question.id, output.id)}
            >
              <span className="field-label" aria-hidden="true">
                {qt('output', { label: output.label })}
              </span>
              {([true, false] as const).map((value) => (
                <label key={String(value)} className={safe[output.id] === value ? 'choice checked' : 'choice'}>
                  <input
                    type="radio"
                    name={`${id}-safe-${output.id}`}
                    checked={safe[output.id] === value}
                    onChange={() => onSafety(output.id, value)}
                  />
                  <span className="key" aria-hidden="true">
                    {value ? 1 : 2}
                  </span>
                  <span>{value ? qt('safe') : qt('unsafe')}</span>
                </label>
              ))}
            </div>
          ))}
        </fieldset>
      )}
    </section>
  );
}
