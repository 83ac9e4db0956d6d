import type { Answers, Question } from '@feedbench/shared';
import { AnswerView, answerText } from '../../questions/QuestionParts.tsx';
import type { ShownOutput } from '../../questions/question-kind.ts';

/**
 * An annotation's answers as the annotator gave them: each under its question's label, read with the type's own view
 * (ranks, ratings, flags, texts; outputs by the labels in `outputs`). An answer to a question the template no longer
 * has is still shown, as text.
 */
export function AnswerSummary({
  answers,
  questions = [],
  outputs,
}: {
  answers: Answers;
  questions?: readonly Question[];
  /** Outputs as the annotator saw them; without them outputs are named by id. */
  outputs?: readonly ShownOutput[];
}) {
  const asked = questions.filter((q) => answers[q.id] !== undefined);
  const others = Object.keys(answers).filter((id) => !questions.some((q) => q.id === id));
  return (
    <dl className="stack answer-summary">
      {asked.map((question) => (
        <div key={question.id}>
          <dt>{question.label}</dt>
          <dd className="answer-summary-value">
            {outputs ? (
              <AnswerView question={question} answer={answers[question.id]} outputs={outputs} />
            ) : (
              <span className="answer-view">{answerText(question, answers[question.id])}</span>
            )}
          </dd>
        </div>
      ))}
      {others.map((questionId) => (
        <div key={questionId}>
          <dt>
            <code>{questionId}</code>
          </dt>
          <dd className="answer-summary-value answer-view">{answerText(undefined, answers[questionId])}</dd>
        </div>
      ))}
    </dl>
  );
}
