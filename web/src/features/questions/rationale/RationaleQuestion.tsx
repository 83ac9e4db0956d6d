import type { QuestionOf } from '@feedbench/shared';
import { useId } from 'react';
import { answerStop } from '../controls/answer-focus.ts';
import { atLeast } from '../demonstration/TextQuestions.tsx';
import { qt } from '../questions.messages.ts';

/** Free text explaining a judgement; optional or required, with a minimum length. */
export function RationaleQuestion({
  question,
  text,
  onChange,
}: {
  question: QuestionOf<'rationale'>;
  text: string;
  onChange: (text: string) => void;
}) {
  const id = useId();
  const length = text.trim().length;
  return (
    <section className="card stack" aria-label={question.label} {...answerStop(question.id)}>
      <label htmlFor={`${id}-text`} className="field-label">
        {question.label}
        {!question.required && <span className="muted"> {qt('optional')}</span>}
      </label>
      <textarea
        id={`${id}-text`}
        rows={4}
        dir="auto"
        value={text}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={`${id}-hint`} className="hint">
        {question.help ? `${question.help} ` : ''}
        {atLeast(question.minLength).trim()}
        {question.minLength > 0 && ` (${length}/${question.minLength})`}
      </p>
    </section>
  );
}
