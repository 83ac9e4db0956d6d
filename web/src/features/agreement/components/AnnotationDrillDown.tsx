import type { Answer, DrillDownAnnotation, Question } from '@feedbench/shared';
import type { ReactNode } from 'react';
import { useFormat } from '../../../i18n/format.ts';
import { at } from '../agreement.messages.ts';
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
  const format = useFormat();
  if (annotations.length === 0) return <p className="muted">{at('noSubmitted')}</p>;
  return (
    <table className="table drill-down">
      <caption>
        {at('annotationsCaption', { count: annotations.length })}
        {truncated ? at('onlyNewest') : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">{by === 'annotator' ? at('item') : at('annotator')}</th>
          <th scope="col">{at('submitted')}</th>
          <th scope="col">{at('timeOnTask')}</th>
          <th scope="col">{at('shownAs')}</th>
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
            <th scope="row">{by === 'annotator' ? a.itemExternalId : (a.annotatorEmail ?? at('formerMember'))}</th>
            <td>
              <time dateTime={a.submittedAt}>{format.dateTime(a.submittedAt)}</time>
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
