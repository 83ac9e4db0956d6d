import { type Answer, type Answers, checkAnswers, type Question } from '@feedbench/shared';
import { useState } from 'react';
import { useMessages } from '../../../i18n/messages.ts';
import { localizedProblem } from '../../questions/answer-problems.ts';
import { AnswerField } from '../../questions/QuestionParts.tsx';
import type { ShownOutput } from '../../questions/question-kind.ts';
import { adjudicationMessages } from '../adjudication.messages.ts';

interface Props {
  questions: Question[];
  /** The item's outputs, named as this screen names them (by id: each annotator saw their own letters). */
  outputs: ShownOutput[];
  /** Where the editor starts (the current adjudication, or an annotator's answers). */
  initial: Answers;
  pending: boolean;
  error?: string;
  onSave(answers: Answers): void;
}

/**
 * The adjudicated answer, one field per question with the inputs annotators use (each type's field in
 * questions/registry.ts; ranks as numbers, equal numbers tie), outputs named by id. The template's own rules (shared
 * checkAnswers, the server's check too) are shown before saving.
 */
export function AdjudicationEditor({ questions, outputs, initial, pending, error, onSave }: Props) {
  const t = useMessages(adjudicationMessages);
  const [answers, setAnswers] = useState<Answers>(initial);
  const problems = checkAnswers(
    questions,
    outputs.map((o) => o.id),
    answers,
  );
  const set = (id: string, answer: Answer | undefined) =>
    setAnswers((current) => {
      const next = { ...current };
      if (answer) next[id] = answer;
      else delete next[id];
      return next;
    });
  return (
    <form
      className="stack"
      aria-label={t('adjudicatedAnswer')}
      onSubmit={(event) => {
        event.preventDefault();
        onSave(answers);
      }}
    >
      {questions.map((question) => (
        <fieldset key={question.id} className="stack">
          <legend>{question.label}</legend>
          <AnswerField
            question={question}
            outputs={outputs}
            answer={answers[question.id]}
            onChange={(a) => set(question.id, a)}
          />
        </fieldset>
      ))}
      {problems.length > 0 && (
        <ul className="notice error" aria-label={t('problems')}>
          {problems.map((p) => (
            <li key={`${p.path.join('.')}:${p.message}`}>{localizedProblem(p.message)}</li>
          ))}
        </ul>
      )}
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      <button className="primary" type="submit" disabled={pending || problems.length > 0}>
        {t('saveAdjudicated')}
      </button>
    </form>
  );
}
