import type { Answer, DrillDownAnnotation, Question } from '@feedbench/shared';
import type { ReactNode } from 'react';
import { formatDuration } from './format.ts';

const LETTERS = 'ABCDEFGHI';

/** The order the annotator saw, as the labels they read: "A = o2, B = o0, C = o1". */
export function shownOrder(displayOrder: readonly string[]): string {
  return displayOrder.map((outputId, i) => `${LETTERS[i] ?? i + 1} = ${outputId}`).join(', ');
}

/**
 * The drill-down list: annotations of one annotator (a column per item) or of one item (a column per annotator),
 * newest first, each answer in its question's column with outputs named by id; the letters each annotator saw are
 * in "Shown as". How an answer reads is the caller's (`renderAnswer`), so every view of answers says them alike.
 */
export function AnnotationDrillDown({
  annotations,
  questions,
  by,
  truncated,
  renderAnswer,
}: {
  annotations: readonly DrillDownAnnotation[];
  questions: readonly Question[];
  by: 'annotator' | 'item';
  truncated: boolean;
  renderAnswer: (question: Question, answer: Answer | undefined) => ReactNode;
}) {
  if (annotations.length === 0) return <p className="muted">No submitted annotations.</p>;
  return (
    <table className="table drill-down">
      <caption>
        {annotations.length} annotation{annotations.length === 1 ? '' : 's'}, newest first
        {truncated ? ' (only the newest are listed)' : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">{by === 'annotator' ? 'Item' : 'Annotator'}</th>
          <th scope="col">Submitted</th>
          <th scope="col">Time on task</th>
          <th scope="col">Shown as</th>
          {questions.map((q) => (
            <th key={q.id} scope="col">
              {q.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {annotations.map((a) => (
          <tr key={a.id}>
            <th scope="row">{by === 'annotator' ? a.itemExternalId : (a.annotatorEmail ?? 'Former member')}</th>
            <td>
              <time dateTime={a.submittedAt}>{new Date(a.submittedAt).toLocaleString()}</time>
            </td>
            <td>{formatDuration(a.timeOnTaskMs)}</td>
            <td>{shownOrder(a.displayOrder)}</td>
            {questions.map((q) => (
              <td key={q.id}>{renderAnswer(q, a.answers[q.id])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
